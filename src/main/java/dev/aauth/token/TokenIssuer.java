package dev.aauth.token;

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
                    "mission");

    private final String issuer;
    private final ServerKeySet keys;
    private final Clock clock;

    /**
     * @param issuer this server's identifier, placed in {@code iss}
     * @param keys this server's key set; tokens are signed with its current key
     */
    public TokenIssuer(String issuer, ServerKeySet keys, Clock clock) {
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
        claims.put("cnf", Map.of("jwk", cnf.toMap()));
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
        long now = clock.instant().getEpochSecond();
        long exp = now + lifetime.toSeconds();
        if (notAfter > 0 && exp > notAfter) {
            exp = notAfter;
        }
        if (exp <= now) {
            throw new IllegalArgumentException("the bounding token has already expired");
        }
        return mint(TokenType.AUTH, claims, now, exp);
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
