package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.MissionHeader;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Mission;
import dev.aauth.token.VerifiedToken;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decides what happens to a request at a protected endpoint. Plain Java (no JAX-RS), one instance
 * per resource, thread-safe.
 *
 * <ol>
 *   <li>"Verification (Server)" by the core {@link AAuthRequestVerifier}: signature, covered
 *       components, {@code created} window, key and token (typ, issuer keys, {@code exp}, {@code
 *       aud}, {@code act.sub}, {@code cnf}). "Any failure MUST result in a 401 response with the
 *       appropriate Signature-Error header": {@link Decision.Failed}.
 *   <li>A signed {@code AAuth-Mission} is read ({@link MissionHeader}); a covered {@code
 *       Content-Digest} is checked against the body (RFC 9530).
 *   <li>The endpoint's level, raised to {@code aauth.resource.require}, decides:
 *       <ul>
 *         <li>auth token: its issuer must be trusted (else {@code 403}: "denies access based on
 *             policy"), it must not be revoked ({@code invalid_jwt}), and at {@link
 *             AccessLevel#AUTH_TOKEN} it must grant the endpoint's scopes, else a new challenge: "A
 *             resource MAY return requirement=auth-token with a new resource token to a request
 *             that already includes an auth token — for example, when the request requires a higher
 *             level of authorization than the current token provides" (step-up, never a bare 403);
 *         <li>agent token: allowed at {@link AccessLevel#IDENTITY}; at {@link
 *             AccessLevel#AUTH_TOKEN} "A resource MUST use requirement=auth-token with a 401
 *             Unauthorized response when an auth token is required" ({@link Decision.Challenged}),
 *             unless there is no Person Server to address a resource token to ({@code 403}, see
 *             {@link ResourceTokens#audienceFor});
 *         <li>other schemes (only when configured): {@code jwks_uri} identifies a signer and
 *             suffices at {@link AccessLevel#IDENTITY}; pseudonymous keys ({@code hwk}, {@code
 *             jkt-jwt}) never do: {@code invalid_key}, "does not meet the server's trust
 *             requirements".
 *       </ul>
 * </ol>
 */
public final class AccessDecider {

    private final AAuthRequestVerifier verifier;
    private final ResourceSettings settings;
    private final ResourceTokens resourceTokens;
    private final RevocationStore revocations;
    private final SecurityMode mode;

    public AccessDecider(
            AAuthRequestVerifier verifier,
            ResourceSettings settings,
            ResourceTokens resourceTokens,
            RevocationStore revocations,
            SecurityMode mode) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resourceTokens = Objects.requireNonNull(resourceTokens, "resourceTokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param body the request content, read only when a covered {@code Content-Digest} must be
     *     checked
     * @throws IllegalStateException when the endpoint's protection is misconfigured (a server
     *     error)
     */
    public Decision decide(
            HttpRequestMessage request, Protection protection, Supplier<byte[]> body) {
        VerifiedRequest verified;
        try {
            verified = verifier.verify(request);
        } catch (AAuthException e) {
            return new Decision.Failed(null, e);
        }
        try {
            Mission mission = MissionHeader.signedMission(request, verified, mode);
            verified.verifyContentDigest(request, body);
            return decide(verified, protection, mission);
        } catch (AAuthException e) {
            return new Decision.Failed(verified, e);
        }
    }

    private Decision decide(VerifiedRequest verified, Protection protection, Mission mission) {
        AccessLevel level = protection.level().atLeast(settings.require());
        VerifiedToken token = verified.token();
        if (token instanceof AuthToken auth) {
            if (!settings.trusts(auth.issuer())) {
                return new Decision.Denied(
                        verified,
                        "untrusted_issuer",
                        "auth tokens of this issuer are not accepted here");
            }
            if (isRevoked(auth)) {
                throw new AAuthException(AAuthError.INVALID_JWT, "auth token revoked");
            }
            if (level == AccessLevel.AUTH_TOKEN && !auth.hasScopes(protection.scopes())) {
                return challenge(verified, protection, mission, "insufficient_scope", auth.scope());
            }
            return new Decision.Allowed(verified, AAuthCaller.Level.AUTHORIZED, mission);
        }
        if (token instanceof AgentToken) {
            if (level == AccessLevel.IDENTITY) {
                return new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, mission);
            }
            return challenge(verified, protection, mission, "auth_token_required", List.of());
        }
        if (verified.signer().isPseudonymous()) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY,
                    "a pseudonymous key does not identify an agent; sign with an agent token (jwt scheme)");
        }
        if (level == AccessLevel.IDENTITY) {
            return new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, mission);
        }
        throw new AAuthException(
                AAuthError.INVALID_KEY,
                "an auth token is required here; sign with an agent token (jwt scheme) to receive a resource token");
    }

    /**
     * Revoked by its issuer, or by a trusted Person Server (recorded under {@link
     * RevocationEndpoint#ANY_ISSUER}).
     */
    boolean isRevoked(AuthToken auth) {
        return revocations.isRevoked(auth.issuer(), auth.jti())
                || revocations.isRevoked(RevocationEndpoint.ANY_ISSUER, auth.jti());
    }

    /**
     * The resource token asks for the endpoint's scopes; on step-up also for the known scopes the
     * current auth token already grants, so the new auth token can replace the old one everywhere.
     */
    private Decision challenge(
            VerifiedRequest verified,
            Protection protection,
            Mission mission,
            String reason,
            List<String> alreadyGranted) {
        ResourceTokens.Audience audience = resourceTokens.audienceFor(verified.token());
        if (audience.isRefused()) {
            return new Decision.Denied(verified, audience.refusal(), audience.detail());
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        for (String s : alreadyGranted) {
            if (settings.isKnownScope(s)) {
                scopes.add(s);
            }
        }
        scopes.addAll(settings.challengeScopes(protection));
        return new Decision.Challenged(
                verified,
                resourceTokens.mint(audience.value(), verified, List.copyOf(scopes), mission),
                audience.value(),
                reason);
    }
}
