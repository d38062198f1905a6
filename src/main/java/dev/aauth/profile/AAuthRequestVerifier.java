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
 * <p>Thread-safe and allocation-light: one instance serves all requests.
 */
public final class AAuthRequestVerifier {

    private final VerificationPolicy policy;
    private final SignatureKeyResolver keys;
    private final Clock clock;
    private final List<ComponentIdentifier> required;

    public AAuthRequestVerifier(VerificationPolicy policy, SignatureKeyResolver keys, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
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
        HttpMessageVerifier.verify(
                request,
                signature,
                profile.ignoresSignatureAlgParameter()
                        ? verifierFor(key, algorithm, null)
                        : verifierFor(key, algorithm));
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

    private static boolean isMissing(List<String> lines) {
        return lines == null || lines.isEmpty();
    }
}
