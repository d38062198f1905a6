package dev.aauth.profile;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.sigkey.ResolvedKey;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.VerifiedToken;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request whose signature passed every step of "Verification (Server)".
 *
 * @param label the signature label verified
 * @param signer the key and what it says about the signer
 * @param algorithm the algorithm derived from the key
 * @param created the signature's {@code created}
 * @param coveredComponents the components the verified signature covers, in {@code Signature-Input}
 *     order: only these header fields are vouched for by the signer (e.g. an {@code AAuth-Mission}
 *     or {@code Content-Digest} that is not covered proves nothing)
 * @param profile the draft the request was verified under
 */
public record VerifiedRequest(
        String label,
        ResolvedKey signer,
        SignatureAlgorithm algorithm,
        long created,
        List<ComponentIdentifier> coveredComponents,
        AAuthProfile profile) {

    /** A request verified under draft-01. */
    public VerifiedRequest(
            String label,
            ResolvedKey signer,
            SignatureAlgorithm algorithm,
            long created,
            List<ComponentIdentifier> coveredComponents) {
        this(label, signer, algorithm, created, coveredComponents, AAuthProfile.DRAFT_01);
    }

    public VerifiedRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(algorithm, "algorithm");
        coveredComponents = List.copyOf(coveredComponents);
    }

    /**
     * Whether the verified signature covers {@code component} exactly (same name, same parameters).
     */
    public boolean covers(ComponentIdentifier component) {
        return coveredComponents.contains(component);
    }

    /**
     * Whether the verified signature covers the header field or derived component {@code name}
     * without parameters, e.g. {@code covers("content-digest")}, {@code covers("@authority")}.
     * Field names are compared in lowercase, as RFC 9421 requires them to be written.
     */
    public boolean covers(String name) {
        return covers(ComponentIdentifier.of(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * RFC 9530: when the verified signature covers {@code Content-Digest}, the content must match
     * it, otherwise the signed message is not the one received ({@code invalid_signature}). An
     * uncovered {@code Content-Digest} proves nothing and is ignored. Every signed endpoint that
     * reads a body checks it here (resources, the Agent Provider, the Person Server).
     *
     * @param request the message this signature was verified on
     * @param body its content, read only when a covered {@code Content-Digest} is present
     */
    public void verifyContentDigest(HttpRequestMessage request, Supplier<byte[]> body) {
        List<String> lines = request.fields().lines("content-digest");
        if (lines == null || lines.isEmpty() || !covers(CONTENT_DIGEST)) {
            return;
        }
        ContentDigest.verify(body.get(), lines);
    }

    private static final ComponentIdentifier CONTENT_DIGEST =
            ComponentIdentifier.of("content-digest");

    public Jwk key() {
        return signer.key();
    }

    /** The token from Signature-Key ({@code jwt} scheme), or null. */
    public VerifiedToken token() {
        return signer.token();
    }

    public AgentToken agentToken() {
        return signer.token() instanceof AgentToken a ? a : null;
    }

    public AuthToken authToken() {
        return signer.token() instanceof AuthToken a ? a : null;
    }

    /** The draft-11 person token presented in {@code Signature-Key}, or null. */
    public PersonToken personToken() {
        return signer.token() instanceof PersonToken p ? p : null;
    }

    /** The draft-11 auth token presented in {@code Signature-Key}, or null. */
    public Draft11AuthToken draft11AuthToken() {
        return signer.token() instanceof Draft11AuthToken a ? a : null;
    }

    /**
     * The agent identifier when the signer presented an agent or auth token; else the pseudonymous
     * or URI identity.
     */
    public String identity() {
        return signer.identity();
    }
}
