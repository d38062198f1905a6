package dev.aauth.token;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies AAuth tokens following the draft's numbered verification steps.
 *
 * <p>Cheap checks run before any key fetch or signature check, as the Signature-Key draft's jwt
 * scheme asks ("pre-signature checks allow the verifier to fail early without expensive
 * cryptographic operations or network fetches"): parse, {@code typ}, {@code exp}/{@code iat}, claim
 * shapes, identifier syntax; then the issuer key is resolved and the signature verified. Tokens
 * that pass are remembered in the {@link VerifiedTokenCache}; the request-specific checks ({@code
 * aud}, binding to the request key) run on every call.
 *
 * <p>Time: "Verify exp is in the future and iat is not in the future." {@code exp} is applied
 * exactly; {@code iat} may lie up to {@code iatLeeway} (default 5 s) ahead of this server's clock,
 * because two NTP-synchronised servers still disagree by a little and a token minted "now" by a
 * clock a few ms ahead would otherwise fail at random.
 */
public final class TokenVerifier {

    /** "Auth tokens MUST NOT have a lifetime exceeding 1 hour." */
    public static final long MAX_AUTH_TOKEN_LIFETIME_SECONDS = 3600;

    public static final Duration DEFAULT_IAT_LEEWAY = Duration.ofSeconds(5);

    private final IssuerKeyResolver keys;
    private final Clock clock;
    private final SecurityMode mode;
    private final VerifiedTokenCache cache;
    private final long iatLeewaySeconds;
    private final AAuthProfile profile;

    /** A draft-01 verifier. */
    public TokenVerifier(
            IssuerKeyResolver keys, Clock clock, SecurityMode mode, VerifiedTokenCache cache) {
        this(keys, clock, mode, cache, DEFAULT_IAT_LEEWAY);
    }

    /** A draft-01 verifier. */
    public TokenVerifier(
            IssuerKeyResolver keys,
            Clock clock,
            SecurityMode mode,
            VerifiedTokenCache cache,
            Duration iatLeeway) {
        this(keys, clock, mode, cache, iatLeeway, AAuthProfile.DRAFT_01);
    }

    /**
     * A verifier of {@code profile}'s tokens. The cache must be this verifier's own: a token
     * verified under one draft's rules must never be taken from the cache by the other's verifier.
     */
    public TokenVerifier(
            IssuerKeyResolver keys,
            Clock clock,
            SecurityMode mode,
            VerifiedTokenCache cache,
            Duration iatLeeway,
            AAuthProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.iatLeewaySeconds = iatLeeway.toSeconds();
    }

    /** The draft whose tokens this verifier accepts. */
    public AAuthProfile profile() {
        return profile;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * A token carried in {@code Signature-Key: sig=jwt;jwt="..."}: its {@code typ} must be one of
     * {@code allowed} ("Verify the JWT typ header parameter has an expected value per policy").
     * Failures are {@code invalid_jwt} / {@code expired_jwt}.
     */
    public VerifiedToken verifySignatureKeyJwt(String compact, Set<TokenType> allowed) {
        if (allowed.contains(TokenType.RESOURCE)) {
            throw new IllegalArgumentException(
                    "resource tokens are never presented in Signature-Key");
        }
        return verify(compact, allowed, AAuthError.INVALID_JWT, AAuthError.EXPIRED_JWT);
    }

    /**
     * Agent Token Verification, steps 1-4 and 6 (step 5, the cnf binding, is the caller's: see
     * {@link #requireBinding}).
     */
    public AgentToken verifyAgentToken(String compact) {
        return (AgentToken)
                verify(
                        compact,
                        EnumSet.of(TokenType.AGENT),
                        AAuthError.INVALID_JWT,
                        AAuthError.EXPIRED_JWT);
    }

    /**
     * Auth Token Verification at a resource: steps 1-5, 8 and 9; step 6 and 7 (agent and {@code
     * cnf.jwk} match the request's signing context) hold by construction when the token is the
     * request's {@code Signature-Key}, and {@link #requireBinding} checks them otherwise.
     *
     * @param resource this resource's own identifier: "Verify aud matches the resource's own
     *     identifier."
     */
    public AuthToken verifyAuthToken(String compact, String resource) {
        requireProfile(AAuthProfile.DRAFT_01);
        AuthToken token =
                (AuthToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.AUTH),
                                AAuthError.INVALID_JWT,
                                AAuthError.EXPIRED_JWT);
        requireAudience(token, resource, AAuthError.INVALID_JWT);
        return token;
    }

    /**
     * Resource Token Verification at a PS or AS, steps 1-7. Failures are {@code
     * invalid_resource_token} / {@code expired_resource_token}.
     *
     * @param self the recipient's own identifier: "Verify aud matches the recipient's own
     *     identifier"
     * @param agent "Verify agent matches the requesting agent's identifier"
     * @param agentJkt "Verify agent_jkt matches the JWK Thumbprint of the key used to sign the HTTP
     *     request"
     * @param requestingPs when the token request came from a PS (four-party), its identifier; null
     *     otherwise
     */
    public ResourceToken verifyResourceToken(
            String compact, String self, String agent, String agentJkt, String requestingPs) {
        requireProfile(AAuthProfile.DRAFT_01);
        ResourceToken token =
                (ResourceToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.RESOURCE),
                                AAuthError.INVALID_RESOURCE_TOKEN,
                                AAuthError.EXPIRED_RESOURCE_TOKEN);
        AAuthError code = AAuthError.INVALID_RESOURCE_TOKEN;
        if (!token.audience().equals(self)) {
            throw new AAuthException(code, "resource token aud is not this server");
        }
        if (!token.agent().equals(agent)) {
            throw new AAuthException(code, "resource token agent is not the requesting agent");
        }
        if (!token.agentJkt().equals(agentJkt)) {
            throw new AAuthException(
                    code,
                    "resource token agent_jkt is not the thumbprint of the request's signing key");
        }
        // "If mission is present, verify mission.approver matches the PS that sent the token
        // request."
        if (token.mission() != null
                && requestingPs != null
                && !token.mission().approver().equals(requestingPs)) {
            throw new AAuthException(
                    code, "resource token mission.approver is not the requesting PS");
        }
        return token;
    }

    /**
     * Resource Challenge Verification, done by an agent on a {@code 401}: "Verify iss matches the
     * resource the agent sent the request to", "agent matches the agent's own identifier",
     * "agent_jkt matches the JWK Thumbprint of the agent's signing key", "exp is in the future".
     */
    public ResourceToken verifyResourceChallenge(
            String compact, String resourceCalled, String agent, String agentJkt) {
        requireProfile(AAuthProfile.DRAFT_01);
        ResourceToken token =
                (ResourceToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.RESOURCE),
                                AAuthError.INVALID_RESOURCE_TOKEN,
                                AAuthError.EXPIRED_RESOURCE_TOKEN);
        AAuthError code = AAuthError.INVALID_RESOURCE_TOKEN;
        if (!token.issuer().equals(resourceCalled)) {
            throw new AAuthException(code, "resource token iss is not the resource called");
        }
        if (!token.agent().equals(agent)) {
            throw new AAuthException(code, "resource token agent is not this agent");
        }
        if (!token.agentJkt().equals(agentJkt)) {
            throw new AAuthException(code, "resource token agent_jkt is not this agent's key");
        }
        return token;
    }

    /**
     * Auth Token Response Verification, done by an agent receiving an auth token: signature (the
     * RECOMMENDED step 1), "iss matches the resource token's aud", "aud matches the resource the
     * agent intends to access", "cnf.jwk matches the agent's own signing key", "agent matches the
     * agent's own identifier", "act.sub matches the agent's own identifier".
     */
    public AuthToken verifyAuthTokenResponse(
            String compact, String expectedIssuer, String resource, Jwk agentKey, String agent) {
        requireProfile(AAuthProfile.DRAFT_01);
        // every comparison of this section is mandatory: a null here would silently skip one
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(agentKey, "agentKey");
        Objects.requireNonNull(agent, "agent");
        AuthToken token =
                (AuthToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.AUTH),
                                AAuthError.INVALID_JWT,
                                AAuthError.EXPIRED_JWT);
        AAuthError code = AAuthError.INVALID_JWT;
        if (!token.issuer().equals(expectedIssuer)) {
            throw new AAuthException(code, "auth token iss is not the resource token's aud");
        }
        requireAudience(token, resource, code);
        requireBinding(token.cnf(), token.agent(), agentKey, agent, code);
        if (token.act() == null || !token.act().sub().equals(agent)) {
            throw new AAuthException(code, "auth token act.sub is not this agent");
        }
        return token;
    }

    // ------------------------------------------------------------------ draft-11 entry points

    /**
     * -11 "Person Token Verification", steps 1-5, for a person token verified on its own (step 6,
     * "cnf.jwk ... matches the key used to sign the HTTP request", is {@link #requireBinding}'s, or
     * holds by construction when the token is the request's {@code Signature-Key}). Failures are
     * {@code invalid_person_token}: "Person token malformed, expired, wrong aud, or signature
     * verification failed".
     *
     * @param resource this resource's own identifier: "Verify aud matches the resource's own
     *     identifier"
     */
    public PersonToken verifyPersonToken(String compact, String resource) {
        requireProfile(AAuthProfile.DRAFT_11);
        AAuthError code = AAuthError.INVALID_PERSON_TOKEN;
        PersonToken token = (PersonToken) verify(compact, EnumSet.of(TokenType.PERSON), code, code);
        if (!token.audience().equals(resource)) {
            throw new AAuthException(code, "person token aud is not this resource");
        }
        return token;
    }

    /**
     * -11 "Auth Token Verification": JWT trust (steps 1-4), {@code aud} (step 5) and "Verify sub is
     * present" (step 7; matching or establishing the resource's record for {@code (iss, sub)} is
     * the resource's). Step 6 is {@link #requireBinding}'s or holds by construction in {@code
     * Signature-Key}. Failures are {@code invalid_jwt} / {@code expired_jwt}.
     */
    public Draft11AuthToken verifyDraft11AuthToken(String compact, String resource) {
        return verifyDraft11AuthToken(compact, Set.of(resource));
    }

    /**
     * As {@link #verifyDraft11AuthToken(String, String)}, for a recipient known by more than one
     * identifier (call chaining: "Upstream Token Verification" at a PS, where the intermediary is
     * known by its resource identity and by its agent token's {@code iss}).
     */
    public Draft11AuthToken verifyDraft11AuthToken(String compact, Set<String> audiences) {
        requireProfile(AAuthProfile.DRAFT_11);
        Draft11AuthToken token =
                (Draft11AuthToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.AUTH),
                                AAuthError.INVALID_JWT,
                                AAuthError.EXPIRED_JWT);
        if (!audiences.contains(token.audience())) {
            throw new AAuthException(AAuthError.INVALID_JWT, "auth token aud is not this resource");
        }
        return token;
    }

    /**
     * -11 "Resource Token Verification" at a PS ({@code records} given) or an AS ({@code
     * requestingPs} given), steps 1-6; step 7 (the mission is active) is the PS's. Failures are
     * {@code invalid_resource_token} / {@code expired_resource_token}; an unretained {@code
     * presented_jti} is {@code unknown_person_token}.
     *
     * @param self "Verify aud matches the recipient's own identifier"
     * @param agentJkt "Verify agent_jkt matches the JWK Thumbprint of the key used to sign the HTTP
     *     request" (for a sub-agent authorization, the {@code subagent_token}'s {@code cnf.jwk})
     * @param records the PS's person-token records, or null at an AS
     * @param requestingPs at an AS, the PS that sent the token request ("An AS MUST verify that ps
     *     names the PS that sent the token request"); null at a PS
     */
    public Draft11ResourceToken verifyDraft11ResourceToken(
            String compact,
            String self,
            String agentJkt,
            PersonTokenRecords records,
            String requestingPs) {
        requireProfile(AAuthProfile.DRAFT_11);
        if ((records == null) == (requestingPs == null)) {
            throw new IllegalArgumentException("give the PS's records or the requesting PS");
        }
        AAuthError code = AAuthError.INVALID_RESOURCE_TOKEN;
        Draft11ResourceToken token =
                (Draft11ResourceToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.RESOURCE),
                                code,
                                AAuthError.EXPIRED_RESOURCE_TOKEN);
        if (!token.audience().equals(self)) {
            throw new AAuthException(code, "resource token aud is not this server");
        }
        if (!token.agentJkt().equals(agentJkt)) {
            throw new AAuthException(
                    code,
                    "resource token agent_jkt is not the thumbprint of the request's signing key");
        }
        if (records == null) {
            if (!token.ps().equals(requestingPs)) {
                throw new AAuthException(code, "resource token ps is not the requesting PS");
            }
            return token;
        }
        // Step 6: "If no record exists ... the PS MUST reject the resource token with
        // unknown_person_token. If a record exists, the PS MUST verify that ps, sub, mission_s256,
        // and tenant match it exactly, rejecting the resource token on any mismatch or omission"
        PersonTokenRecord record =
                records.find(token.presentedJti())
                        .orElseThrow(
                                () ->
                                        new AAuthException(
                                                AAuthError.UNKNOWN_PERSON_TOKEN,
                                                "presented_jti names no person token this PS"
                                                        + " retains"));
        if (!record.ps().equals(token.ps())
                || !record.subject().equals(token.subject())
                || !Objects.equals(record.missionS256(), token.missionS256())
                || !Objects.equals(record.tenant(), token.tenant())) {
            throw new AAuthException(
                    code,
                    "resource token ps, sub, mission_s256 or tenant does not match the person"
                            + " token it names (possible mission stripping)");
        }
        return token;
    }

    /**
     * -11 "Resource Challenge Verification", done by an agent on a {@code 401} (or {@code 202})
     * with {@code requirement=auth-token}: steps 2-6.
     *
     * @param resourceCalled "Verify iss matches the resource the agent sent the request to"
     * @param agentJkt "Verify agent_jkt matches the JWK Thumbprint of the agent's signing key"
     * @param agentPs "Verify ps matches the agent's own person server"
     * @param personSub "and sub the value in the person token the agent presented"
     */
    public Draft11ResourceToken verifyDraft11ResourceChallenge(
            String compact,
            String resourceCalled,
            String agentJkt,
            String agentPs,
            String personSub) {
        requireProfile(AAuthProfile.DRAFT_11);
        Objects.requireNonNull(agentPs, "agentPs");
        Objects.requireNonNull(personSub, "personSub");
        AAuthError code = AAuthError.INVALID_RESOURCE_TOKEN;
        Draft11ResourceToken token =
                (Draft11ResourceToken)
                        verify(
                                compact,
                                EnumSet.of(TokenType.RESOURCE),
                                code,
                                AAuthError.EXPIRED_RESOURCE_TOKEN);
        if (!token.issuer().equals(resourceCalled)) {
            throw new AAuthException(code, "resource token iss is not the resource called");
        }
        if (!token.agentJkt().equals(agentJkt)) {
            throw new AAuthException(code, "resource token agent_jkt is not this agent's key");
        }
        if (!token.ps().equals(agentPs)) {
            throw new AAuthException(code, "resource token ps is not this agent's person server");
        }
        if (!token.subject().equals(personSub)) {
            throw new AAuthException(
                    code, "resource token sub is not the sub of the person token presented");
        }
        return token;
    }

    /**
     * -11 "Auth Token Response Verification", done by an agent: the signature (the RECOMMENDED step
     * 1), "iss matches the resource token's aud", "aud matches the resource the agent intends to
     * access", "cnf.jwk matches the agent's own signing key", "sub matches the value in the person
     * token it presented to that resource".
     */
    public Draft11AuthToken verifyDraft11AuthTokenResponse(
            String compact,
            String expectedIssuer,
            String resource,
            Jwk agentKey,
            String personSub) {
        requireProfile(AAuthProfile.DRAFT_11);
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        Objects.requireNonNull(agentKey, "agentKey");
        Objects.requireNonNull(personSub, "personSub");
        AAuthError code = AAuthError.INVALID_JWT;
        Draft11AuthToken token = verifyDraft11AuthToken(compact, resource);
        if (!token.issuer().equals(expectedIssuer)) {
            throw new AAuthException(code, "auth token iss is not the resource token's aud");
        }
        requireBinding(token.cnf(), null, agentKey, null, code);
        if (!token.subject().equals(personSub)) {
            throw new AAuthException(
                    code, "auth token sub is not the sub of the person token presented");
        }
        return token;
    }

    /**
     * Step "Verify cnf.jwk matches the key used to sign the HTTP request" and the agent identifier
     * match.
     */
    public static void requireBinding(
            Jwk tokenKey, String tokenAgent, Jwk requestKey, String requestAgent, AAuthError code) {
        if (!tokenKey.thumbprint().equals(requestKey.thumbprint())) {
            throw new AAuthException(code, "cnf.jwk is not the key that signed the request");
        }
        if (requestAgent != null && !tokenAgent.equals(requestAgent)) {
            throw new AAuthException(code, "agent is not the request's agent");
        }
    }

    private void requireProfile(AAuthProfile expected) {
        if (profile != expected) {
            throw new IllegalStateException(
                    "a "
                            + expected.id()
                            + " entry point called on a "
                            + profile.id()
                            + " verifier");
        }
    }

    private static void requireAudience(AuthToken token, String resource, AAuthError code) {
        if (!token.audience().equals(resource)) {
            throw new AAuthException(code, "auth token aud is not this resource");
        }
    }

    // ------------------------------------------------------------------ the shared pipeline

    private VerifiedToken verify(
            String compact, Set<TokenType> allowed, AAuthError invalid, AAuthError expired) {
        if (compact == null || compact.isEmpty()) {
            throw new AAuthException(invalid, "token missing");
        }
        long now = clock.instant().getEpochSecond();
        VerifiedToken cached = cache.get(compact);
        if (cached != null) {
            if (!allowed.contains(cached.type())) {
                throw new AAuthException(
                        invalid, "typ " + cached.type().typ() + " is not accepted here");
            }
            if (cached.expiresAt() <= now) {
                throw new AAuthException(expired, "token expired");
            }
            return cached;
        }
        ParsedJws jws;
        try {
            jws = Jws.parse(compact);
        } catch (AAuthException e) {
            throw e.error() == invalid ? e : e.as(invalid);
        }
        // Which draft the token is shaped for: "never mix within one flow". Under draft-01 only
        // the claim shape counts (draft-01 also accepted the fully specified alg Ed25519).
        Object typ = jws.header().get("typ");
        Optional<ProfileSignal> signal = ProfileSignal.of(jws);
        if (signal.isPresent()
                && signal.get().profile() != profile
                && (profile == AAuthProfile.DRAFT_11 || !TokenType.AGENT.typ().equals(typ))) {
            throw profile.mixed(signal.get(), typ + " token", invalid);
        }
        // -11 token headers: "A fully-specified identifier is REQUIRED ... Implementations MUST
        // NOT accept none, the polymorphic EdDSA identifier, or any symmetric algorithm"
        if (!profile.acceptsJwsAlg(jws.alg())) {
            throw new AAuthException(
                    invalid,
                    profile.id() + ": JWS alg " + jws.alg() + " is not " + profile.acceptedAlgs());
        }
        // Step 1: "Decode the JWT header. Verify typ is ..."
        TokenType type = typ instanceof String s ? TokenType.fromTyp(s) : null;
        if (type == null || !allowed.contains(type)) {
            throw new AAuthException(invalid, "typ " + typ + " is not accepted here");
        }
        Object kidValue = jws.header().get("kid");
        if (!(kidValue instanceof String kid) || kid.isEmpty()) {
            throw new AAuthException(invalid, "JWT header has no kid");
        }
        Claims claims = new Claims(jws.claims(), invalid);
        // Step 3: "Verify exp is in the future and iat is not in the future."
        long exp = claims.requiredNumericDate("exp");
        long iat = claims.requiredNumericDate("iat");
        if (exp <= now) {
            throw new AAuthException(expired, "token expired");
        }
        if (iat > now + iatLeewaySeconds) {
            throw new AAuthException(invalid, "iat is in the future");
        }
        if (exp <= iat) {
            throw new AAuthException(invalid, "exp is not after iat");
        }
        // RFC 7519 4.1.5: nbf is not used by AAuth, but if present "the current date/time MUST be
        // after or equal to the not-before date/time" (with the same leeway as iat)
        long nbf = claims.optionalNumericDate("nbf");
        if (nbf > now + iatLeewaySeconds) {
            throw new AAuthException(invalid, "nbf is in the future");
        }
        // Step 4: "Verify iss is a valid HTTPS URL conforming to the Server Identifier
        // requirements."
        String iss = claims.requiredString("iss");
        ServerIdentifier issuer = ServerIdentifier.parse(iss, mode, invalid);
        // Step 2: "Verify dwk is ..."
        String dwk = claims.requiredString("dwk");
        if (!type.dwks().contains(dwk)) {
            throw new AAuthException(invalid, "dwk " + dwk + " is not allowed for " + type.typ());
        }
        String jti = claims.requiredString("jti");
        VerifiedToken token =
                switch (type) {
                    case AGENT -> agentClaims(compact, claims, issuer, jti, iat, exp, invalid);
                    case RESOURCE ->
                            profile == AAuthProfile.DRAFT_11
                                    ? Draft11Claims.resource(
                                            compact, claims, iss, jti, iat, exp, mode, invalid)
                                    : resourceClaims(compact, claims, iss, jti, iat, exp, invalid);
                    case AUTH ->
                            profile == AAuthProfile.DRAFT_11
                                    ? Draft11Claims.auth(
                                            compact, claims, iss, dwk, jti, iat, exp, mode, invalid)
                                    : authClaims(compact, claims, iss, dwk, jti, iat, exp, invalid);
                    case PERSON ->
                            Draft11Claims.person(
                                    compact, claims, iss, jti, iat, exp, mode, invalid);
                };
        // Step 2 (continued): "Discover the issuer's JWKS ... Locate the key matching the JWT
        // header kid and verify the JWT signature." Last, because it may cost a fetch.
        Jwk issuerKey;
        try {
            issuerKey = keys.resolve(iss, dwk, kid);
        } catch (AAuthException e) {
            throw e.as(invalid);
        }
        if (profile == AAuthProfile.DRAFT_11) {
            // -11 "JWKS Discovery and Caching": "Every key an AAuth server publishes at its
            // jwks_uri MUST carry a fully-specified alg member"
            try {
                profile.keyAlgorithm(issuerKey);
            } catch (AAuthException e) {
                throw e.as(invalid);
            }
        }
        try {
            jws.verify(issuerKey);
        } catch (AAuthException e) {
            throw e.error() == invalid ? e : e.as(invalid);
        }
        cache.put(token);
        return token;
    }

    private AgentToken agentClaims(
            String compact,
            Claims claims,
            ServerIdentifier issuer,
            String jti,
            long iat,
            long exp,
            AAuthError code) {
        // "sub: Agent identifier (stable across key rotations)"; its domain is "the agent
        // provider's domain".
        AgentIdentifier agent = AgentIdentifier.parse(claims.requiredString("sub"), mode, code);
        if (!agent.isIssuedBy(issuer)) {
            throw new AAuthException(code, "agent identifier domain is not the issuer's domain");
        }
        Jwk cnf = cnfJwk(claims, code);
        // Step 6: "If ps is present, verify it is a valid HTTPS URL conforming to the Server
        // Identifier requirements."
        String ps = claims.optionalString("ps");
        if (ps != null) {
            ServerIdentifier.parse(ps, mode, code);
        }
        if (profile == AAuthProfile.DRAFT_11) {
            // -11: "The JWK MUST carry a fully-specified alg member"
            Draft11Claims.requireCnfAlg(cnf, code);
            // -11 step 7: "If parent_agent is present, verify it is a valid agent identifier"
            String parent = claims.optionalString("parent_agent");
            if (parent != null) {
                AgentIdentifier.parse(parent, mode, code);
            }
        }
        return new AgentToken(
                compact, issuer.value(), agent.value(), jti, cnf, iat, exp, ps, claims.map());
    }

    private ResourceToken resourceClaims(
            String compact,
            Claims claims,
            String iss,
            String jti,
            long iat,
            long exp,
            AAuthError code) {
        String aud = audience(claims, code);
        String agent = AgentIdentifier.parse(claims.requiredString("agent"), mode, code).value();
        String agentJkt = claims.requiredString("agent_jkt");
        if (claims.map().get("scope") == null) {
            throw new AAuthException(code, "resource token has no scope");
        }
        List<String> scope = claims.scope();
        Mission mission = Mission.fromClaim(claims.map().get("mission"), code);
        return new ResourceToken(
                compact, iss, aud, jti, agent, agentJkt, iat, exp, scope, mission, claims.map());
    }

    private AuthToken authClaims(
            String compact,
            Claims claims,
            String iss,
            String dwk,
            String jti,
            long iat,
            long exp,
            AAuthError code) {
        if (exp - iat > MAX_AUTH_TOKEN_LIFETIME_SECONDS) {
            throw new AAuthException(code, "auth token lifetime exceeds 1 hour");
        }
        String aud = audience(claims, code);
        String agent = AgentIdentifier.parse(claims.requiredString("agent"), mode, code).value();
        Jwk cnf = cnfJwk(claims, code);
        // Step 8: "Verify act is present and act.sub matches the agent identifier from the
        // request's signing context."
        if (claims.map().get("act") == null) {
            throw new AAuthException(code, "auth token has no act");
        }
        Actor act = Actor.fromClaim(claims.map().get("act"), code);
        if (!act.sub().equals(agent)) {
            throw new AAuthException(code, "act.sub is not the agent");
        }
        // Step 9: "Verify that at least one of sub or scope is present."
        String sub = claims.optionalString("sub");
        Object scopeClaim = claims.map().get("scope");
        if (sub == null && scopeClaim == null) {
            throw new AAuthException(code, "auth token has neither sub nor scope");
        }
        List<String> scope = claims.scope();
        Mission mission = Mission.fromClaim(claims.map().get("mission"), code);
        return new AuthToken(
                compact,
                iss,
                dwk,
                aud,
                jti,
                agent,
                cnf,
                act,
                iat,
                exp,
                sub,
                scope,
                mission,
                claims.map());
    }

    /** {@code aud} is a single URL in AAuth; a one-element array is accepted as RFC 7519 allows. */
    static String audience(Claims claims, AAuthError code) {
        Object aud = claims.map().get("aud");
        if (aud instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (aud instanceof List<?> l
                && l.size() == 1
                && l.get(0) instanceof String s
                && !s.isEmpty()) {
            return s;
        }
        throw new AAuthException(code, "aud must be a single URL");
    }

    static Jwk cnfJwk(Claims claims, AAuthError code) {
        Map<String, Object> cnf = claims.requiredObject("cnf");
        if (!(cnf.get("jwk") instanceof Map<?, ?> jwk)) {
            throw new AAuthException(code, "cnf.jwk missing");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwkMap = (Map<String, Object>) jwk;
            return Jwk.parse(jwkMap);
        } catch (AAuthException e) {
            throw e.as(code);
        }
    }
}
