package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.header.MissionHeader;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ServedProfiles;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Mission;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.VerifiedToken;
import java.time.Clock;
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
 *
 * <p><b>Both drafts, one path.</b> The draft of each request is picked by {@link ServedProfiles}
 * (docs/profiles.md) and the request verified under it; what follows depends on the token the
 * request presents, and the draft is a parameter only where the two drafts answer the same token
 * differently. Draft-11 ("Resource Access and Resource Tokens"):
 *
 * <ul>
 *   <li>agent token where more than identity is needed: "A resource MUST have verified a person
 *       token before it issues a resource token, and MUST challenge with requirement=person-token
 *       when it has not" ({@link Decision.Required});
 *   <li>person token ({@code aa-person+jwt}, verified by the core: {@code aud} this resource,
 *       {@code cnf} the signing key, issuer keys through discovery): remembered ({@link
 *       PersonTokenMemory}); enough at {@link AccessLevel#IDENTITY}; where an auth token is
 *       required it is refused ("A recipient MUST reject an aa-person+jwt wherever an auth token is
 *       required") with {@code requirement=auth-token} and a resource token naming it ({@code ps},
 *       {@code sub}, {@code presented_jti});
 *   <li>draft-11 auth token: trusted issuer, not revoked, scopes as above; a step-up resource token
 *       takes {@code presented_jti} from the person token remembered for the signing key and the
 *       person, and without one the answer is {@code requirement=person-token};
 *   <li>pseudonymous keys: {@code requirement=agent-token}.
 * </ul>
 */
public final class AccessDecider {

    private final ServedProfiles requests;
    private final ResourceSettings settings;
    private final ResourceTokens resourceTokens;
    private final RevocationStore revocations;
    private final SecurityMode mode;
    private final PersonTokenMemory persons;

    /** A draft-01 resource (one verifier). */
    public AccessDecider(
            AAuthRequestVerifier verifier,
            ResourceSettings settings,
            ResourceTokens resourceTokens,
            RevocationStore revocations,
            SecurityMode mode) {
        this(
                new ServedProfiles(List.of(verifier)),
                settings,
                resourceTokens,
                revocations,
                mode,
                new PersonTokenMemory(1, Clock.systemUTC()));
    }

    /**
     * A resource serving the drafts of {@code requests}.
     *
     * @param resourceTokens with an issuer for every draft served
     * @param persons where verified draft-11 person tokens are remembered
     */
    public AccessDecider(
            ServedProfiles requests,
            ResourceSettings settings,
            ResourceTokens resourceTokens,
            RevocationStore revocations,
            SecurityMode mode,
            PersonTokenMemory persons) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resourceTokens = Objects.requireNonNull(resourceTokens, "resourceTokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    /** The drafts this resource serves and how it picks one per request. */
    public ServedProfiles requests() {
        return requests;
    }

    /** The person tokens this resource verified (draft-11). */
    public PersonTokenMemory persons() {
        return persons;
    }

    /**
     * @param body the request content, read only when a covered {@code Content-Digest} must be
     *     checked
     * @throws IllegalStateException when the endpoint's protection is misconfigured (a server
     *     error)
     */
    public Decision decide(
            HttpRequestMessage request, Protection protection, Supplier<byte[]> body) {
        AAuthProfile profile = requests.select(request);
        VerifiedRequest verified;
        try {
            verified = requests.verifier(profile).verify(request);
        } catch (AAuthException e) {
            return new Decision.Failed(null, e, profile);
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
                return untrustedIssuer(verified);
            }
            if (isRevoked(auth.issuer(), auth.jti())) {
                throw new AAuthException(AAuthError.INVALID_JWT, "auth token revoked");
            }
            if (level == AccessLevel.AUTH_TOKEN && !auth.hasScopes(protection.scopes())) {
                return challenge(
                        verified, protection, mission, "insufficient_scope", auth.scope(), null);
            }
            return new Decision.Allowed(verified, AAuthCaller.Level.AUTHORIZED, mission);
        }
        if (token instanceof Draft11AuthToken auth) {
            if (!settings.trusts(auth.issuer())) {
                return untrustedIssuer(verified);
            }
            if (isRevoked(auth.issuer(), auth.jti())) {
                throw new AAuthException(AAuthError.INVALID_JWT, "auth token revoked");
            }
            if (level == AccessLevel.AUTH_TOKEN && !auth.hasScopes(protection.scopes())) {
                // step-up: presented_jti from "its record of the person token it verified earlier"
                return persons.find(verified.key().thumbprint(), auth.ps(), auth.subject())
                        .<Decision>map(
                                person ->
                                        challenge(
                                                verified,
                                                protection,
                                                mission,
                                                "insufficient_scope",
                                                auth.scope(),
                                                person))
                        .orElseGet(() -> personTokenRequired(verified));
            }
            return new Decision.Allowed(verified, AAuthCaller.Level.AUTHORIZED, mission);
        }
        if (token instanceof PersonToken person) {
            persons.remember(verified.key().thumbprint(), person);
            if (level == AccessLevel.IDENTITY) {
                return new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, mission);
            }
            // "A recipient MUST reject an aa-person+jwt wherever an auth token is required": never
            // allowed here; the answer is the resource token the person token makes possible
            return challenge(
                    verified,
                    protection,
                    mission,
                    "auth_token_required",
                    List.of(),
                    PersonContext.of(person));
        }
        if (token instanceof AgentToken agent) {
            if (verified.profile() == AAuthProfile.DRAFT_11
                    && revocations.isRevoked(agent.issuer(), agent.jti())) {
                // -11 "Agent provider revokes an agent token it issued": "a resource accepting
                // agent tokens SHOULD therefore provide a revocation endpoint"; once the pair
                // reached it, the token is refused
                throw new AAuthException(AAuthError.INVALID_JWT, "agent token revoked");
            }
            if (level == AccessLevel.IDENTITY) {
                return new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, mission);
            }
            if (verified.profile().hasPersonTokens()) {
                return personTokenRequired(verified);
            }
            return challenge(verified, protection, mission, "auth_token_required", List.of(), null);
        }
        boolean draft11 = verified.profile().hasPersonTokens();
        if (verified.signer().isPseudonymous()) {
            if (draft11) {
                return agentTokenRequired(verified);
            }
            throw new AAuthException(
                    AAuthError.INVALID_KEY,
                    "a pseudonymous key does not identify an agent; sign with an agent token (jwt scheme)");
        }
        if (level == AccessLevel.IDENTITY) {
            return new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, mission);
        }
        if (draft11) {
            return agentTokenRequired(verified);
        }
        throw new AAuthException(
                AAuthError.INVALID_KEY,
                "an auth token is required here; sign with an agent token (jwt scheme) to receive a resource token");
    }

    private static Decision untrustedIssuer(VerifiedRequest verified) {
        return new Decision.Denied(
                verified, "untrusted_issuer", "auth tokens of this issuer are not accepted here");
    }

    /**
     * -11 "Person Token Required": {@code 401}, {@code AAuth-Requirement:
     * requirement=person-token}.
     */
    static Decision personTokenRequired(VerifiedRequest verified) {
        return new Decision.Required(
                verified, AAuthRequirement.personToken(), "person_token_required");
    }

    /**
     * -11 "Agent Token Required": {@code 401}, {@code AAuth-Requirement: requirement=agent-token}.
     */
    static Decision agentTokenRequired(VerifiedRequest verified) {
        return new Decision.Required(
                verified, AAuthRequirement.agentToken(), "agent_token_required");
    }

    /**
     * Revoked by its issuer, or by a trusted Person Server (recorded under {@link
     * RevocationEndpoint#ANY_ISSUER}).
     */
    boolean isRevoked(AuthToken auth) {
        return isRevoked(auth.issuer(), auth.jti());
    }

    private boolean isRevoked(String issuer, String jti) {
        return revocations.isRevoked(issuer, jti)
                || revocations.isRevoked(RevocationEndpoint.ANY_ISSUER, jti);
    }

    /**
     * The resource token asks for the endpoint's scopes; on step-up also for the known scopes the
     * current auth token already grants, so the new auth token can replace the old one everywhere.
     *
     * @param person the person a draft-11 resource token is for; null for a draft-01 one
     */
    private Decision challenge(
            VerifiedRequest verified,
            Protection protection,
            Mission mission,
            String reason,
            List<String> alreadyGranted,
            PersonContext person) {
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
        List<String> asked = List.copyOf(scopes);
        return new Decision.Challenged(
                verified,
                person == null
                        ? resourceTokens.mint(audience.value(), verified, asked, mission)
                        : resourceTokens.mint(audience.value(), person, verified, asked),
                audience.value(),
                reason);
    }
}
