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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * "Signing (Agent)": "The agent creates an HTTP Message Signature on each request", covering
 * "@method", "@authority", "@path" and "signature-key" plus what the server asks for, with
 * "created: ... The agent MUST set this to the current time."
 *
 * <p>The Signature-Key header is computed first and is part of what is signed: "the complete
 * Signature-Key header ... MUST be populated before any signature is created".
 */
public final class AAuthRequestSigner {

    public static final String LABEL = "sig";

    private final SigningKey key;
    private final Clock clock;
    private final MessageSigner signer;

    public AAuthRequestSigner(SigningKey key, Clock clock) {
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
        SignatureParameters params =
                SignatureParameters.builder().created(clock.instant().getEpochSecond()).build();
        SignatureHeaders h = HttpMessageSigner.sign(message, LABEL, covered, params, signer);
        return new SignedHeaders(sigKeyValue, h.signatureInput(), h.signature());
    }
}
