package dev.aauth.profile;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.HttpMessageVerifier;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.MessageVerifier;
import dev.aauth.httpsig.ReceivedSignature;
import dev.aauth.httpsig.SignatureSet;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.sigkey.ResolvedKey;
import dev.aauth.sigkey.SignatureKeyHeader;
import dev.aauth.sigkey.SignatureKeyResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The AAuth draft's "Verification (Server)": "When a server receives a signed request, it MUST
 * perform the following steps. Any failure MUST result in a 401 response with the appropriate
 * Signature-Error header." Each step below quotes the draft.
 *
 * <p>Label choice: the Signature-Key draft lets the verifier pick the labels it verifies; this one
 * verifies the first label of {@code Signature-Input} that has a {@code Signature-Key} member, and
 * fails when no label has one ("verification for that signature MUST fail").
 *
 * <p>Beyond the numbered steps, two checks of issue 12:
 *
 * <ul>
 *   <li><b>Signed bodies</b>: with {@code bodyComponents} (e.g. {@code content-digest}, {@code
 *       content-type}), a request that has a body ({@code Content-Length} other than 0, or {@code
 *       Transfer-Encoding}) must cover them too, else {@code invalid_input} with {@code
 *       required_input} naming every component then required, so a conforming agent can re-sign
 *       (Signature-Key draft: "invalid_input: The Signature-Input is missing required covered
 *       components"). The body is then bound by the caller's Content-Digest check.
 *   <li><b>Replay</b> (draft -11 "Freshness and Replay"): once the signature verified, a request
 *       whose method is not safe is recorded in the {@link ReplayCache} under its {@link ReplayKey}
 *       until its {@code created} leaves the window; the same signed request again inside the
 *       window is {@code invalid_signature} (Signature-Key draft: "The HTTP Message Signature is
 *       missing, malformed, or cryptographic verification failed. This includes ... an expired
 *       created timestamp": a replay is the same freshness failure). GET, HEAD, OPTIONS and TRACE
 *       are never checked: two identical GETs in one second are legitimate.
 * </ul>
 *
 * <p>Thread-safe and allocation-light: one instance serves all requests.
 */
public final class AAuthRequestVerifier {

    private final VerificationPolicy policy;
    private final SignatureKeyResolver keys;
    private final Clock clock;
    private final List<ComponentIdentifier> required;
    private final ReplayCache replays;
    private final List<ComponentIdentifier> bodyRequired;
    private final List<String> requiredWithBody;

    /** Without a replay cache and without demanding signed bodies. */
    public AAuthRequestVerifier(VerificationPolicy policy, SignatureKeyResolver keys, Clock clock) {
        this(policy, keys, clock, ReplayCache.NONE, List.of());
    }

    /**
     * @param replays where verified requests with unsafe methods are recorded ({@link
     *     ReplayCache#NONE}: nowhere)
     * @param bodyComponents what a request with a body must cover besides the policy's components
     */
    public AAuthRequestVerifier(
            VerificationPolicy policy,
            SignatureKeyResolver keys,
            Clock clock,
            ReplayCache replays,
            List<String> bodyComponents) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (policy.profile() != keys.profile()) {
            throw new IllegalArgumentException(
                    "the policy speaks "
                            + policy.profile().id()
                            + " but the key resolver "
                            + keys.profile().id());
        }
        List<ComponentIdentifier> ids = new ArrayList<>();
        for (String c : policy.requiredComponents()) {
            ids.add(ComponentIdentifier.of(c));
        }
        this.required = List.copyOf(ids);
        List<ComponentIdentifier> body = new ArrayList<>();
        java.util.LinkedHashSet<String> withBody =
                new java.util.LinkedHashSet<>(policy.requiredComponents());
        for (String c : bodyComponents) {
            body.add(ComponentIdentifier.of(c));
            withBody.add(c);
        }
        this.bodyRequired = List.copyOf(body);
        this.requiredWithBody = List.copyOf(withBody);
    }

    /** This verifier with another replay cache and body requirement (same policy, keys, clock). */
    public AAuthRequestVerifier with(ReplayCache otherReplays, List<String> bodyComponents) {
        return new AAuthRequestVerifier(policy, keys, clock, otherReplays, bodyComponents);
    }

    public ReplayCache replays() {
        return replays;
    }

    public VerificationPolicy policy() {
        return policy;
    }

    public VerifiedRequest verify(HttpRequestMessage request) {
        // 1. "Extract the Signature, Signature-Input, and Signature-Key headers. If any are
        // missing, return invalid_request."
        List<String> sigKeyLines = request.fields().lines("signature-key");
        if (isMissing(sigKeyLines)
                || isMissing(request.fields().lines("signature"))
                || isMissing(request.fields().lines("signature-input"))) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST,
                    "Signature, Signature-Input and Signature-Key are all required");
        }
        SignatureSet signatures = SignatureSet.from(request.fields());
        AAuthProfile profile = policy.profile();
        SignatureKeyHeader sigKey =
                SignatureKeyHeader.parse(
                        sigKeyLines.size() == 1
                                ? sigKeyLines.get(0)
                                : String.join(", ", sigKeyLines),
                        profile);
        String label = null;
        for (String l : signatures.labels()) {
            if (sigKey.hasLabel(l)) {
                label = l;
                break;
            }
        }
        if (label == null) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY, "no Signature-Input label has a Signature-Key member");
        }
        ReceivedSignature signature = signatures.get(label);

        // 2. "Verify that the Signature-Input covers the required components ... If not, return
        // invalid_input with required_input."
        for (ComponentIdentifier id : required) {
            if (!signature.input().covers(id)) {
                throw AAuthException.invalidInput(
                        "signature does not cover " + id, policy.requiredComponents());
            }
        }
        if (!bodyRequired.isEmpty() && hasBody(request)) {
            for (ComponentIdentifier id : bodyRequired) {
                if (!signature.input().covers(id)) {
                    throw AAuthException.invalidInput(
                            "a request with a body must cover " + id, requiredWithBody);
                }
            }
        }

        // 3. "Verify the created parameter is present and within the server's signature validity
        // window of the server's current time ... Reject with invalid_signature if outside this
        // window."
        long now = clock.instant().getEpochSecond();
        if (signature.input().created().isEmpty()) {
            throw new AAuthException(AAuthError.INVALID_SIGNATURE, "created is required");
        }
        long created = signature.input().created().getAsLong();
        long window = policy.signatureWindow().toSeconds();
        if (created > now + window || created < now - window) {
            throw new AAuthException(
                    AAuthError.INVALID_SIGNATURE, "created is outside the " + window + " s window");
        }
        if (signature.input().expires().isPresent()
                && signature.input().expires().getAsLong() <= now) {
            throw new AAuthException(AAuthError.INVALID_SIGNATURE, "signature expired");
        }

        // Issue 12, scenario 6: junk refused before any signature verification where the input
        // allows it. Every algorithm accepted here (Ed25519; ES256 in its IEEE P1363 form, r || s)
        // has a signature of exactly SIGNATURE_LENGTH bytes, so one of another length cannot
        // verify: refused now, before the key is resolved (an agent token's signature verified,
        // an issuer's JWKS fetched) for nothing.
        if (signature.signatureLength() != SignatureAlgorithm.SIGNATURE_LENGTH) {
            throw new AAuthException(
                    AAuthError.INVALID_SIGNATURE,
                    "a signature has " + SignatureAlgorithm.SIGNATURE_LENGTH + " bytes");
        }

        // 5. "Obtain the public key from the Signature-Key header according to the scheme" (-11
        // step 4, an unrecognized or refused scheme is unsupported_scheme, happens here too).
        // With an audience, an auth token is also checked against it (Auth Token Verification step
        // 5).
        ResolvedKey signer =
                policy.audience() == null
                        ? keys.resolve(
                                sigKey.keyFor(label),
                                policy.allowedSchemes(),
                                policy.allowedJwtTypes())
                        : keys.resolve(
                                sigKey.keyFor(label),
                                policy.allowedSchemes(),
                                policy.allowedJwtTypes(),
                                policy.audience());

        // 4. (-11: 6.) "Determine the signature algorithm from the alg parameter in the key. If the
        // algorithm is not supported, return unsupported_algorithm." Never from the request; under
        // -11 from the key's own alg member (AAuthProfile.keyAlgorithm).
        Jwk key = signer.key();
        SignatureAlgorithm algorithm = profile.keyAlgorithm(key);

        // 6. (-11: 7.) "Verify the HTTP Message Signature ... Return invalid_signature if
        // verification fails." -11: "Agents MUST NOT include the alg signature parameter, and
        // verifiers MUST ignore it if present".
        MessageVerifier crypto =
                profile.ignoresSignatureAlgParameter()
                        ? verifierFor(key, algorithm, null)
                        : verifierFor(key, algorithm);
        if (replays == ReplayCache.NONE || isSafe(request.method())) {
            HttpMessageVerifier.verify(request, signature, crypto);
        } else {
            BaseCapture capture = new BaseCapture(crypto);
            HttpMessageVerifier.verify(request, signature, capture);
            // -11 "Freshness and Replay": "rejecting duplicate tuples" for the window; the key
            // is remembered until created leaves it (step 3 refuses the request from then on)
            if (!replays.firstSeen(ReplayKey.of(capture.base), created + window + 1)) {
                throw new AAuthException(
                        AAuthError.INVALID_SIGNATURE,
                        "replayed: this signed "
                                + request.method()
                                + " was already received within the "
                                + window
                                + " s window");
            }
        }
        return new VerifiedRequest(
                label, signer, algorithm, created, signature.input().coveredComponents(), profile);
    }

    static MessageVerifier verifierFor(Jwk key, SignatureAlgorithm algorithm) {
        return verifierFor(key, algorithm, algorithm.httpName());
    }

    /**
     * @param declared the RFC 9421 name a declared {@code alg} parameter must equal, or null to
     *     ignore the parameter
     */
    static MessageVerifier verifierFor(Jwk key, SignatureAlgorithm algorithm, String declared) {
        return new MessageVerifier() {
            @Override
            public boolean verify(byte[] base, byte[] signature) {
                return key.verificationKey().verify(base, signature);
            }

            @Override
            public String algorithm() {
                return declared;
            }
        };
    }

    /**
     * RFC 9110 Section 9.2.1: "the GET, HEAD, OPTIONS, and TRACE methods are defined to be safe".
     */
    static boolean isSafe(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    /** Whether the request has content: a Content-Length other than 0, or a Transfer-Encoding. */
    static boolean hasBody(HttpRequestMessage request) {
        List<String> te = request.fields().lines("transfer-encoding");
        if (!isMissing(te)) {
            return true;
        }
        List<String> cl = request.fields().lines("content-length");
        if (isMissing(cl)) {
            return false;
        }
        for (String line : cl) {
            if (!line.trim().equals("0")) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the signature base the crypto verified, for the replay key. */
    private static final class BaseCapture implements MessageVerifier {
        private final MessageVerifier delegate;
        private byte[] base;

        BaseCapture(MessageVerifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean verify(byte[] signatureBase, byte[] signature) {
            boolean valid = delegate.verify(signatureBase, signature);
            if (valid) {
                base = signatureBase;
            }
            return valid;
        }

        @Override
        public String algorithm() {
            return delegate.algorithm();
        }
    }

    private static boolean isMissing(List<String> lines) {
        return lines == null || lines.isEmpty();
    }
}
