package dev.aauth.token;

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

/**
 * Mints the three AAuth token types with this server's current signing key.
 *
 * <p>Lifetimes are capped as the draft says: agent tokens "SHOULD NOT have a lifetime exceeding 24
 * hours", resource tokens "SHOULD NOT have a lifetime exceeding 5 minutes", auth tokens "MUST NOT
 * have a lifetime exceeding 1 hour". Asking for more is a configuration error and throws
 * {@link IllegalArgumentException}.
 */
public final class TokenIssuer {

    public static final Duration MAX_AGENT_TOKEN_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_RESOURCE_TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_AUTH_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final ServerKeySet keys;
    private final Clock clock;

    /**
     * @param issuer this server's identifier, placed in {@code iss}
     * @param keys   this server's key set; tokens are signed with its current key
     */
    public TokenIssuer(String issuer, ServerKeySet keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
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
    public MintedToken agentToken(String agent, Jwk cnf, String ps, Duration lifetime, Map<String, Object> extraClaims) {
        requireLifetime(lifetime, MAX_AGENT_TOKEN_LIFETIME, "agent");
        Map<String, Object> claims = new LinkedHashMap<>(extraClaims);
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
    public MintedToken resourceToken(String audience, String agent, String agentJkt, List<String> scope,
                                     Mission mission, Duration lifetime) {
        requireLifetime(lifetime, MAX_RESOURCE_TOKEN_LIFETIME, "resource");
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
     * structural rules: "At least one of sub or scope MUST be present", the 1-hour cap, and
     * {@code exp} never past {@code notAfter} (the agent token's expiry) when given.
     *
     * @param dwk       {@link Dwk#PERSON} when this server is a PS, {@link Dwk#ACCESS} for an AS
     * @param notAfter  epoch seconds the token must not outlive, or 0 for no extra bound
     * @param extra     further claims (identity claims such as {@code email}); may not override the above
     */
    public MintedToken authToken(String dwk, String audience, String agent, Jwk cnf, Actor act, String sub,
                                 List<String> scope, Mission mission, Duration lifetime, long notAfter,
                                 Map<String, Object> extra) {
        requireLifetime(lifetime, MAX_AUTH_TOKEN_LIFETIME, "auth");
        if (sub == null && (scope == null || scope.isEmpty())) {
            throw new IllegalArgumentException("at least one of sub or scope MUST be present");
        }
        Map<String, Object> claims = new LinkedHashMap<>(extra);
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
        key.publicJwk().kid().ifPresent(kid -> header.put("kid", kid));
        return new MintedToken(Jws.sign(header, claims, key), jti, iat, exp);
    }

    private static void requireLifetime(Duration lifetime, Duration max, String what) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " token lifetime must be in (0, " + max + "]");
        }
    }
}
