package dev.aauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;

/**
 * The fake deployment every token test uses: one agent provider, one resource, one PS and one AS
 * (each with its own {@link ServerKeySet}), a foreign issuer, an agent with its signing key, a
 * fixed clock and a {@link LocalKeyResolver} that counts its calls. No HTTP anywhere.
 */
final class Fx {

    static final Instant NOW = Instant.ofEpochSecond(1_730_217_600L);
    static final long T = NOW.getEpochSecond();

    static final String AGENT_PROVIDER = "https://agent.example";
    static final String RESOURCE = "https://resource.example";
    static final String PS = "https://ps.example";
    static final String AS = "https://as.example";

    /**
     * Another, unrelated issuer: publishes keys under every dwk, so only its signature gives it
     * away.
     */
    static final String OTHER = "https://other.example";

    static final String AGENT = "aauth:assistant@agent.example";

    static final ServerKeySet AGENT_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "agent-1"));
    static final ServerKeySet RESOURCE_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "res-1"));
    static final ServerKeySet PS_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));

    /** The AS signs with P-256 so ES256 tokens are exercised too. */
    static final ServerKeySet AS_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, "as-1"));

    static final ServerKeySet OTHER_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "other-1"));

    /** The agent's own HTTP signing key (no kid, as an agent key usually is). */
    static final SigningKey AGENT_KEY = SigningKey.generate(SignatureAlgorithm.ED25519, null);

    static final Jwk AGENT_JWK = AGENT_KEY.publicJwk();
    static final String AGENT_JKT = AGENT_JWK.thumbprint();

    /** Some other key, e.g. an attacker's. */
    static final SigningKey ATTACKER_KEY =
            SigningKey.generate(SignatureAlgorithm.ED25519, "agent-1");

    final MutableClock clock = new MutableClock(NOW);
    final AtomicInteger resolverCalls = new AtomicInteger();
    final LocalKeyResolver local =
            LocalKeyResolver.builder()
                    .add(AGENT_PROVIDER, Dwk.AGENT, AGENT_KEYS)
                    .add(RESOURCE, Dwk.RESOURCE, RESOURCE_KEYS)
                    .add(PS, Dwk.PERSON, PS_KEYS)
                    .add(AS, Dwk.ACCESS, AS_KEYS)
                    .add(OTHER, Dwk.AGENT, OTHER_KEYS)
                    .add(OTHER, Dwk.RESOURCE, OTHER_KEYS)
                    .add(OTHER, Dwk.PERSON, OTHER_KEYS)
                    .add(OTHER, Dwk.ACCESS, OTHER_KEYS)
                    .build();
    final IssuerKeyResolver counting =
            (iss, dwk, kid) -> {
                resolverCalls.incrementAndGet();
                return local.resolve(iss, dwk, kid);
            };
    final VerifiedTokenCache cache = new VerifiedTokenCache(100, clock);

    final TokenIssuer agentProvider = new TokenIssuer(AGENT_PROVIDER, AGENT_KEYS, clock);
    final TokenIssuer resource = new TokenIssuer(RESOURCE, RESOURCE_KEYS, clock);
    final TokenIssuer ps = new TokenIssuer(PS, PS_KEYS, clock);
    final TokenIssuer as = new TokenIssuer(AS, AS_KEYS, clock);

    /** STRICT, with the counting resolver and this fixture's cache. */
    TokenVerifier verifier() {
        return new TokenVerifier(counting, clock, SecurityMode.STRICT, cache);
    }

    /** STRICT, resolving through {@code resolver}, no cache. */
    TokenVerifier verifier(IssuerKeyResolver resolver, SecurityMode mode) {
        return new TokenVerifier(resolver, clock, mode, VerifiedTokenCache.disabled(clock));
    }

    /** STRICT, counting resolver, no cache: every call verifies in full. */
    TokenVerifier uncached() {
        return verifier(counting, SecurityMode.STRICT);
    }

    // ------------------------------------------------------------ well-formed tokens

    String agentToken() {
        return agentProvider
                .agentToken(AGENT, AGENT_JWK, PS, Duration.ofHours(1), Map.of())
                .compact();
    }

    String resourceToken() {
        return resource.resourceToken(
                        PS, AGENT, AGENT_JKT, List.of("data.read"), null, Duration.ofMinutes(5))
                .compact();
    }

    String authToken() {
        return ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        AGENT_JWK,
                        Actor.of(AGENT),
                        "user-123",
                        List.of("data.read"),
                        null,
                        Duration.ofHours(1),
                        0,
                        Map.of())
                .compact();
    }

    String asAuthToken() {
        return as.authToken(
                        Dwk.ACCESS,
                        RESOURCE,
                        AGENT,
                        AGENT_JWK,
                        Actor.of(AGENT),
                        null,
                        List.of("data.read"),
                        null,
                        Duration.ofMinutes(30),
                        0,
                        Map.of())
                .compact();
    }

    // ------------------------------------------------------------ raw claims, for forging one
    // defect at a time

    static Map<String, Object> agentClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", AGENT_PROVIDER);
        c.put("dwk", Dwk.AGENT);
        c.put("sub", AGENT);
        c.put("jti", "jti-agent-1");
        c.put("cnf", Map.of("jwk", AGENT_JWK.toMap()));
        c.put("iat", T);
        c.put("exp", T + 3600);
        c.put("ps", PS);
        return c;
    }

    static Map<String, Object> resourceClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", RESOURCE);
        c.put("dwk", Dwk.RESOURCE);
        c.put("aud", PS);
        c.put("jti", "jti-resource-1");
        c.put("agent", AGENT);
        c.put("agent_jkt", AGENT_JKT);
        c.put("iat", T);
        c.put("exp", T + 300);
        c.put("scope", "data.read");
        return c;
    }

    static Map<String, Object> authClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", PS);
        c.put("dwk", Dwk.PERSON);
        c.put("aud", RESOURCE);
        c.put("jti", "jti-auth-1");
        c.put("agent", AGENT);
        c.put("cnf", Map.of("jwk", AGENT_JWK.toMap()));
        c.put("act", Map.of("sub", AGENT));
        c.put("iat", T);
        c.put("exp", T + 3600);
        c.put("sub", "user-123");
        c.put("scope", "data.read");
        return c;
    }

    static String sign(String typ, Map<String, ?> claims, SigningKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (typ != null) {
            header.put("typ", typ);
        }
        header.put("kid", key.kid().orElseThrow());
        return Jws.sign(header, claims, key);
    }

    static String signAgent(Map<String, ?> claims) {
        return sign(TokenType.AGENT.typ(), claims, AGENT_KEYS.current());
    }

    static String signResource(Map<String, ?> claims) {
        return sign(TokenType.RESOURCE.typ(), claims, RESOURCE_KEYS.current());
    }

    static String signAuth(Map<String, ?> claims) {
        return sign(TokenType.AUTH.typ(), claims, PS_KEYS.current());
    }

    /** A compact JWS with exactly this header and payload JSON and an arbitrary signature part. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + signature;
    }

    static String b64(String s) {
        return Base64Url.encode(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The token with its payload replaced (signature kept). */
    static String withPayload(String compact, Map<String, ?> claims) {
        String[] p = compact.split("\\.");
        return p[0] + "." + b64(org.jose4j.json.JsonUtil.toJson(claims)) + "." + p[2];
    }

    /** The token with its header replaced (signature kept). */
    static String withHeader(String compact, String headerJson) {
        String[] p = compact.split("\\.");
        return b64(headerJson) + "." + p[1] + "." + p[2];
    }

    static AAuthException assertError(AAuthError expected, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(expected, e.error(), () -> "detail: " + e.detail());
        return e;
    }
}
