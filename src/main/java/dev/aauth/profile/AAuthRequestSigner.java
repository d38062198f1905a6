package dev.aauth.profile;

import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.FieldLookup;
import dev.aauth.httpsig.HttpMessageSigner;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.MessageSigner;
import dev.aauth.httpsig.SignatureHeaders;
import dev.aauth.httpsig.SignatureParameters;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyHeader;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * "Signing (Agent)": "The agent creates an HTTP Message Signature on each request", covering
 * "@method", "@authority", "@path" and "signature-key" plus what the server asks for, with
 * "created: ... The agent MUST set this to the current time."
 *
 * <p>The Signature-Key header is computed first and is part of what is signed: "the complete
 * Signature-Key header ... MUST be populated before any signature is created".
 *
 * <p>Requests whose method is not safe (anything but GET, HEAD, OPTIONS, TRACE) also carry RFC
 * 9421's {@code nonce} signature parameter ("A random unique value generated for this signature",
 * Section 2.3), 128 random bits: Ed25519 is deterministic and {@code created} counts seconds, so
 * without it two identical POSTs signed in one second would have the same signature base and a
 * verifier's replay cache (draft -11 "Freshness and Replay") would refuse the second. Neither draft
 * forbids the parameter (-11: "This profile defines no nonce mechanism", i.e. verifiers attach no
 * meaning to it); RFC 9421 verifiers accept it, and the AAuth verifiers here key replays by the
 * whole signature base, which includes it.
 */
public final class AAuthRequestSigner {

    public static final String LABEL = "sig";

    private final SigningKey key;
    private final Clock clock;
    private final MessageSigner signer;
    private final Supplier<String> nonces;

    private static final SecureRandom RANDOM = new SecureRandom();

    public AAuthRequestSigner(SigningKey key, Clock clock) {
        this(key, clock, AAuthRequestSigner::randomNonce);
    }

    /**
     * @param nonces the {@code nonce} of each unsafe request (tests pass a fixed one)
     */
    public AAuthRequestSigner(SigningKey key, Clock clock, Supplier<String> nonces) {
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        String alg = key.algorithm().httpName();
        this.signer =
                new MessageSigner() {
                    @Override
                    public byte[] sign(byte[] base) {
                        return key.sign(base);
                    }

                    @Override
                    public String algorithm() {
                        return alg;
                    }
                };
    }

    public SigningKey key() {
        return key;
    }

    /**
     * Signs a request.
     *
     * @param method the request method
     * @param targetUri the absolute target URI
     * @param fields the request's other header fields (lowercase names), e.g. content-digest
     * @param signatureKey how the verifier obtains this key (usually the agent or auth token,
     *     {@code jwt} scheme)
     * @param extraComponents components beyond the base four, e.g. {@code content-digest} (from
     *     {@code additional_signature_components} or a {@code required_input})
     */
    public SignedHeaders sign(
            String method,
            String targetUri,
            FieldLookup fields,
            SignatureKey signatureKey,
            List<String> extraComponents) {
        String sigKeyValue = SignatureKeyHeader.serialize(LABEL, signatureKey);
        List<String> sigKeyLine = List.of(sigKeyValue);
        FieldLookup withKey =
                name -> name.equals("signature-key") ? sigKeyLine : fields.lines(name);
        HttpRequestMessage message = HttpRequestMessage.of(method, targetUri, withKey);
        LinkedHashSet<String> names = new LinkedHashSet<>(VerificationPolicy.BASE_COMPONENTS);
        names.addAll(extraComponents);
        List<ComponentIdentifier> covered = new ArrayList<>(names.size());
        for (String n : names) {
            covered.add(ComponentIdentifier.of(n));
        }
        SignatureParameters.Builder params =
                SignatureParameters.builder().created(clock.instant().getEpochSecond());
        if (!AAuthRequestVerifier.isSafe(message.method())) {
            params.nonce(nonces.get());
        }
        SignatureHeaders h =
                HttpMessageSigner.sign(message, LABEL, covered, params.build(), signer);
        return new SignedHeaders(sigKeyValue, h.signatureInput(), h.signature());
    }

    /** 128 random bits, base64url. */
    public static String randomNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return dev.aauth.jose.Base64Url.encode(b);
    }
}
