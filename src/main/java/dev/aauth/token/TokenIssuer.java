package dev.aauth.token;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Mints the three AAuth token types with this server's current signing key.
 *
 * <p>Lifetimes are capped as the draft says: agent tokens "SHOULD NOT have a lifetime exceeding 24
 * hours", resource tokens "SHOULD NOT have a lifetime exceeding 5 minutes", auth tokens "MUST NOT
 * have a lifetime exceeding 1 hour". Asking for more is a configuration error and throws {@link
 * IllegalArgumentException}.
 *
 * <p>Every argument is a value this server chose (configuration, or data it already verified), so a
 * value that would produce a token the draft's verification steps reject is a programming error and
 * throws {@link IllegalArgumentException} too: an agent identifier outside the issuer's domain, an
 * empty resource-token scope, an auth token whose {@code act.sub} is not its {@code agent}, or
 * extra claims that would replace one of the claims this class sets (they "may not override").
 * Identifier syntax is checked leniently ({@link SecurityMode#DEVELOPMENT}); verifiers apply the
 * deployment's mode.
 */
public final class TokenIssuer {

    public static final Duration MAX_AGENT_TOKEN_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_RESOURCE_TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_AUTH_TOKEN_LIFETIME = Duration.ofHours(1);

    /** -11: "Person tokens MUST NOT have a lifetime exceeding 1 hour". */
    public static final Duration MAX_PERSON_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Claims this class sets itself (or that AAuth gives a meaning this class controls); callers'
     * extra claims may not carry them. {@code nbf} is listed so no token is minted that a verifier
     * would refuse as "not yet valid".
     */
    static final Set<String> RESERVED_CLAIMS =
            Set.of(
                    "iss",
                    "sub",
                    "aud",
                    "exp",
                    "nbf",
                    "iat",
                    "jti",
                    "dwk",
                    "cnf",
                    "ps",
                    "agent",
                    "agent_jkt",
                    "act",
                    "scope",
                    "mission",
                    "mission_s256",
                    "presented_jti",
                    "parent_agent");

    private final String issuer;
    private final ServerKeySet keys;
    private final Clock clock;
    private final AAuthProfile profile;

    /**
     * A draft-01 issuer.
     *
     * @param issuer this server's identifier, placed in {@code iss}
     * @param keys this server's key set; tokens are signed with its current key
     */
    public TokenIssuer(String issuer, ServerKeySet keys, Clock clock) {
        this(issuer, keys, clock, AAuthProfile.DRAFT_01);
    }

    /**
     * An issuer of {@code profile}'s tokens: under draft-11 the JWS {@code alg} is fully specified
     * ("A fully-specified identifier is REQUIRED; Ed25519 is RECOMMENDED") and every {@code cnf}
     * JWK carries {@code alg}.
     */
    public TokenIssuer(String issuer, ServerKeySet keys, Clock clock, AAuthProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (!ServerIdentifier.isValid(issuer, SecurityMode.DEVELOPMENT)) {
            throw new IllegalArgumentException("issuer is not a server identifier: " + issuer);
        }
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String issuer() {
        return issuer;
    }

    /** The draft whose tokens this issuer mints. */
    public AAuthProfile profile() {
        return profile;
    }

    /** A fresh {@code jti}: 128 random bits, base64url. */
    public static String newJti() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * An {@code aa-agent+jwt} binding {@code agent} to {@code cnf}.
     *
     * @param ps the agent's person server, or null
     */
    public MintedToken agentToken(
            String agent, Jwk cnf, String ps, Duration lifetime, Map<String, Object> extraClaims) {
        requireLifetime(lifetime, MAX_AGENT_TOKEN_LIFETIME, "agent");
        // the agent provider's issuer is "the domain in agent identifiers it issues"
        if (!AgentIdentifier.isValid(agent, SecurityMode.DEVELOPMENT)
                || !AgentIdentifier.parse(agent, SecurityMode.DEVELOPMENT)
                        .isIssuedBy(ServerIdentifier.parse(issuer, SecurityMode.DEVELOPMENT))) {
            throw new IllegalArgumentException(
                    "agent " + agent + " is not an agent identifier of " + issuer);
        }
        Objects.requireNonNull(cnf, "cnf");
        if (ps != null && !ServerIdentifier.isValid(ps, SecurityMode.DEVELOPMENT)) {
            throw new IllegalArgumentException("ps is not a server identifier: " + ps);
        }
        Map<String, Object> claims = extras(extraClaims);
        claims.put("iss", issuer);
        claims.put("dwk", Dwk.AGENT);
        claims.put("sub", agent);
        claims.put("cnf", Map.of("jwk", profile.published(cnf).toMap()));
        if (ps != null) {
            claims.put("ps", ps);
        }
        return mint(TokenType.AGENT, claims, lifetime);
    }

    /**
     * An {@code aa-resource+jwt} for {@code agent}, addressed to {@code audience} (its PS or the
     * resource's AS).
     *
     * @param mission the {@code mission} copied from the request's {@code AAuth-Mission}, or null
     */
    public MintedToken resourceToken(
            String audience,
            String agent,
            String agentJkt,
            List<String> scope,
            Mission mission,
            Duration lifetime) {
        requireProfile(AAuthProfile.DRAFT_01);
        requireLifetime(lifetime, MAX_RESOURCE_TOKEN_LIFETIME, "resource");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentJkt, "agentJkt");
        // scope is a required claim of a resource token and "a space-separated string of scope
        // values"
        if (scope == null || scope.isEmpty() || !Scopes.allValid(scope)) {
            throw new IllegalArgumentException(
                    "a resource token needs at least one valid scope token");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("dwk", Dwk.RESOURCE);
        claims.put("aud", audience);
        claims.put("agent", agent);
        claims.put("agent_jkt", agentJkt);
        claims.put("scope", Scopes.join(scope));
        if (mission != null) {
            claims.put("mission", mission.toMap());
        }
        return mint(TokenType.RESOURCE, claims, lifetime);
    }

    /**
     * An {@code aa-auth+jwt}. The caller decides scope, subject and chain; this method enforces the
     * structural rules: "At least one of sub or scope MUST be present", the 1-hour cap, and {@code
     * exp} never past {@code notAfter} (the agent token's expiry) when given.
     *
     * @param dwk {@link Dwk#PERSON} when this server is a PS, {@link Dwk#ACCESS} for an AS
     * @param notAfter epoch seconds the token must not outlive, or 0 for no extra bound
     * @param extra further claims (identity claims such as {@code email}, {@code tenant}); may not
     *     carry any of {@link #RESERVED_CLAIMS}
     */
    public MintedToken authToken(
            String dwk,
            String audience,
            String agent,
            Jwk cnf,
            Actor act,
            String sub,
            List<String> scope,
            Mission mission,
            Duration lifetime,
            long notAfter,
            Map<String, Object> extra) {
        requireProfile(AAuthProfile.DRAFT_01);
        requireLifetime(lifetime, MAX_AUTH_TOKEN_LIFETIME, "auth");
        if (!TokenType.AUTH.dwks().contains(dwk)) {
            throw new IllegalArgumentException(
                    "auth token dwk must be aauth-person.json or aauth-access.json");
        }
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(cnf, "cnf");
        // "In direct authorization, act.sub is the agent identifier. In call chaining, act nests"
        if (act == null || !act.sub().equals(agent)) {
            throw new IllegalArgumentException("act is REQUIRED and act.sub must be the agent");
        }
        if (act.depth() > Actor.MAX_DEPTH) {
            throw new IllegalArgumentException("act chain deeper than " + Actor.MAX_DEPTH);
        }
        if (sub == null && (scope == null || scope.isEmpty())) {
            throw new IllegalArgumentException("at least one of sub or scope MUST be present");
        }
        if (sub != null && sub.isEmpty()) {
            throw new IllegalArgumentException("sub must not be empty");
        }
        if (scope != null && !Scopes.allValid(scope)) {
            throw new IllegalArgumentException("scope values must be scope tokens");
        }
        Map<String, Object> claims = extras(extra);
        claims.put("iss", issuer);
        claims.put("dwk", dwk);
        claims.put("aud", audience);
        claims.put("agent", agent);
        claims.put("cnf", Map.of("jwk", cnf.toMap()));
        claims.put("act", act.toMap());
        if (sub != null) {
            claims.put("sub", sub);
        }
        if (scope != null && !scope.isEmpty()) {
            claims.put("scope", Scopes.join(scope));
        }
        if (mission != null) {
            claims.put("mission", mission.toMap());
        }
        return mintBounded(TokenType.AUTH, claims, lifetime, notAfter);
    }

    // ------------------------------------------------------------------ draft-11 tokens

    /**
     * A draft-11 {@code aa-person+jwt} for the person {@code sub} at {@code audience}, bound to the
     * agent key {@code cnf}: "Person tokens MUST NOT have a lifetime exceeding 1 hour, and MUST NOT
     * outlive the agent token presented when the token was requested or, when mission_s256 is
     * present, the mission's expires_at" ({@code notAfter}); "A person token MUST NOT contain scope
     * or account" (none is written).
     *
     * @param notAfter epoch seconds the token must not outlive (the agent token's {@code exp}, or
     *     the mission's {@code expires_at} when earlier), or 0
     * @param missionS256 the mission, or null
     * @param tenant the person's organization, or null
     */
    public MintedToken personToken(
            String audience,
            String sub,
            Jwk cnf,
            String missionS256,
            String tenant,
            Duration lifetime,
            long notAfter) {
        requireProfile(AAuthProfile.DRAFT_11);
        requireLifetime(lifetime, MAX_PERSON_TOKEN_LIFETIME, "person");
        requireServer(audience, "aud");
        requireText(sub, "sub");
        Objects.requireNonNull(cnf, "cnf");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("dwk", Dwk.PERSON);
        claims.put("aud", audience);
        claims.put("sub", sub);
        claims.put("cnf", Map.of("jwk", profile.published(cnf).toMap()));
        putOptional(claims, "mission_s256", missionS256);
        putOptional(claims, "tenant", tenant);
        return mintBounded(TokenType.PERSON, claims, lifetime, notAfter);
    }

    /**
     * A draft-11 {@code aa-resource+jwt}: {@code ps}, {@code sub}, {@code presented_jti}, {@code
     * mission_s256} and {@code tenant} copied from the person token verified ({@code person}), "no
     * agent identifier"; "Resource tokens SHOULD NOT have a lifetime exceeding 5 minutes".
     *
     * @param audience the PS (three-party) or AS (four-party)
     * @param account the {@code account} of the authorization request, or null
     */
    public MintedToken resourceToken(
            String audience,
            PersonContext person,
            String agentJkt,
            List<String> scope,
            String account,
            Duration lifetime) {
        requireProfile(AAuthProfile.DRAFT_11);
        requireLifetime(lifetime, MAX_RESOURCE_TOKEN_LIFETIME, "resource");
        requireServer(audience, "aud");
        Objects.requireNonNull(person, "person");
        requireText(agentJkt, "agent_jkt");
        if (scope == null || scope.isEmpty() || !Scopes.allValid(scope)) {
            throw new IllegalArgumentException(
                    "a resource token needs at least one valid scope token");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("dwk", Dwk.RESOURCE);
        claims.put("aud", audience);
        claims.put("ps", person.ps());
        claims.put("sub", person.subject());
        claims.put("presented_jti", person.presentedJti());
        claims.put("agent_jkt", agentJkt);
        claims.put("scope", Scopes.join(scope));
        putOptional(claims, "account", account);
        putOptional(claims, "mission_s256", person.missionS256());
        putOptional(claims, "tenant", person.tenant());
        return mint(TokenType.RESOURCE, claims, lifetime);
    }

    /**
     * A draft-11 {@code aa-auth+jwt}: "ps ... Equal to iss when a PS issued the token", a REQUIRED
     * {@code sub} "copied from the resource token", {@code cnf.jwk} with {@code alg}, "no agent
     * identifier and no delegation chain"; {@code account}, {@code mission_s256} and {@code tenant}
     * copied from the resource token when present; the 1-hour cap and {@code notAfter}.
     *
     * @param resourceToken the verified resource token this answers
     * @param dwk {@link Dwk#PERSON} when this server is a PS, {@link Dwk#ACCESS} for an AS
     * @param extra further claims (identity claims such as {@code email}); none of {@link
     *     #RESERVED_CLAIMS}
     */
    public MintedToken authToken(
            Draft11ResourceToken resourceToken,
            String dwk,
            Jwk cnf,
            List<String> scope,
            Duration lifetime,
            long notAfter,
            Map<String, Object> extra) {
        requireProfile(AAuthProfile.DRAFT_11);
        requireLifetime(lifetime, MAX_AUTH_TOKEN_LIFETIME, "auth");
        Objects.requireNonNull(resourceToken, "resourceToken");
        Objects.requireNonNull(cnf, "cnf");
        if (!TokenType.AUTH.dwks().contains(dwk)) {
            throw new IllegalArgumentException(
                    "auth token dwk must be aauth-person.json or aauth-access.json");
        }
        if (Dwk.PERSON.equals(dwk) && !resourceToken.ps().equals(issuer)) {
            throw new IllegalArgumentException("a PS issues auth tokens only for its own persons");
        }
        if (scope != null && !Scopes.allValid(scope)) {
            throw new IllegalArgumentException("scope values must be scope tokens");
        }
        Map<String, Object> claims = extras(extra);
        claims.put("iss", issuer);
        claims.put("dwk", dwk);
        claims.put("aud", resourceToken.issuer());
        claims.put("ps", resourceToken.ps());
        claims.put("sub", resourceToken.subject());
        claims.put("cnf", Map.of("jwk", profile.published(cnf).toMap()));
        if (scope != null && !scope.isEmpty()) {
            claims.put("scope", Scopes.join(scope));
        }
        putOptional(claims, "account", resourceToken.account());
        putOptional(claims, "mission_s256", resourceToken.missionS256());
        putOptional(claims, "tenant", resourceToken.tenant());
        return mintBounded(TokenType.AUTH, claims, lifetime, notAfter);
    }

    private MintedToken mintBounded(
            TokenType type, Map<String, Object> claims, Duration lifetime, long notAfter) {
        long now = clock.instant().getEpochSecond();
        long exp = now + lifetime.toSeconds();
        if (notAfter > 0 && exp > notAfter) {
            exp = notAfter;
        }
        if (exp <= now) {
            throw new IllegalArgumentException("the bounding token has already expired");
        }
        return mint(type, claims, now, exp);
    }

    private void requireProfile(AAuthProfile expected) {
        if (profile != expected) {
            throw new IllegalStateException(
                    "a " + expected.id() + " token asked of a " + profile.id() + " issuer");
        }
    }

    private static void requireServer(String value, String what) {
        if (value == null || !ServerIdentifier.isValid(value, SecurityMode.DEVELOPMENT)) {
            throw new IllegalArgumentException(what + " is not a server identifier: " + value);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is REQUIRED");
        }
    }

    private static void putOptional(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }

    private MintedToken mint(TokenType type, Map<String, Object> claims, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        return mint(type, claims, now, now + lifetime.toSeconds());
    }

    private MintedToken mint(TokenType type, Map<String, Object> claims, long iat, long exp) {
        String jti = newJti();
        claims.put("jti", jti);
        claims.put("iat", iat);
        claims.put("exp", exp);
        SigningKey key = keys.current();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", profile.jwsAlg(key.algorithm()));
        header.put("typ", type.typ());
        // ServerKeySet guarantees a kid: "kid: Key identifier" names the JWKS entry verifiers look
        // up
        header.put("kid", key.kid().orElseThrow());
        return new MintedToken(Jws.sign(header, claims, key), jti, iat, exp);
    }

    private static Map<String, Object> extras(Map<String, Object> extra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                if (RESERVED_CLAIMS.contains(e.getKey())) {
                    throw new IllegalArgumentException(
                            "extra claim " + e.getKey() + " would override a token claim");
                }
                claims.put(e.getKey(), e.getValue());
            }
        }
        return claims;
    }

    private static void requireLifetime(Duration lifetime, Duration max, String what) {
        // whole seconds: a sub-second lifetime would give exp == iat, which no verifier accepts
        if (lifetime.toSeconds() < 1 || lifetime.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    what + " token lifetime must be in [1 s, " + max + "]");
        }
    }
}
