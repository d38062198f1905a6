package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@link TokenIssuer} puts in each token type, and the limits it enforces. */
class TokenIssuerTest {

    private final Fx fx = new Fx();

    private static ParsedJws parse(MintedToken t) {
        return Jws.parse(t.compact());
    }

    // ------------------------------------------------------------ agent token

    @Test
    @DisplayName(
            "Agent token: header typ aa-agent+jwt, kid; claims iss, dwk aauth-agent.json, sub, jti, cnf.jwk, iat, exp, ps")
    void agentTokenHeaderAndClaims() {
        MintedToken t =
                fx.agentProvider.agentToken(
                        AGENT, AGENT_JWK, PS, Duration.ofHours(2), Map.of("platform", "linux"));
        ParsedJws jws = parse(t);
        assertEquals("aa-agent+jwt", jws.header().get("typ"));
        assertEquals("agent-1", jws.header().get("kid"));
        assertEquals("EdDSA", jws.header().get("alg"));
        Map<String, Object> c = jws.claims();
        assertEquals(Fx.AGENT_PROVIDER, c.get("iss"));
        assertEquals("aauth-agent.json", c.get("dwk"));
        assertEquals(AGENT, c.get("sub"));
        assertEquals(PS, c.get("ps"));
        assertEquals(Map.of("jwk", AGENT_JWK.toMap()), c.get("cnf"));
        assertEquals(t.jti(), c.get("jti"));
        assertEquals(T, c.get("iat"));
        assertEquals(T + 7200, c.get("exp"));
        assertEquals("linux", c.get("platform"));
        assertEquals(7200, t.lifetimeSeconds());
        jws.verify(Fx.AGENT_KEYS.current().publicJwk());
    }

    @Test
    @DisplayName("Agent token without ps has no ps claim (\"ps\" is optional)")
    void agentTokenWithoutPs() {
        ParsedJws jws =
                parse(
                        fx.agentProvider.agentToken(
                                AGENT, AGENT_JWK, null, Duration.ofHours(1), Map.of()));
        assertFalse(jws.claims().containsKey("ps"));
    }

    @Test
    @DisplayName(
            "\"Agent tokens SHOULD NOT have a lifetime exceeding 24 hours\": 24 h is minted, 24 h + 1 s is refused")
    void agentTokenLifetimeIsCappedAt24Hours() {
        assertEquals(
                24 * 3600,
                fx.agentProvider
                        .agentToken(AGENT, AGENT_JWK, null, Duration.ofHours(24), Map.of())
                        .lifetimeSeconds());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.agentProvider.agentToken(
                                AGENT,
                                AGENT_JWK,
                                null,
                                Duration.ofHours(24).plusSeconds(1),
                                Map.of()));
    }

    @Test
    @DisplayName(
            "The agent identifier's domain is \"the agent provider's domain\": another domain is refused at minting")
    void agentTokenSubMustBeInTheIssuersDomain() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.agentProvider.agentToken(
                                "aauth:assistant@evil.example",
                                AGENT_JWK,
                                null,
                                Duration.ofHours(1),
                                Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.agentProvider.agentToken(
                                "My Agent@agent.example",
                                AGENT_JWK,
                                null,
                                Duration.ofHours(1),
                                Map.of()));
    }

    @Test
    void agentTokenPsMustBeAServerIdentifier() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.agentProvider.agentToken(
                                AGENT,
                                AGENT_JWK,
                                "https://ps.example/",
                                Duration.ofHours(1),
                                Map.of()));
    }

    @Test
    @DisplayName(
            "Extra claims may not override the claims the issuer sets (sub, cnf, ps, iss, jti, exp, ...)")
    void extraClaimsCannotOverrideReservedClaims() {
        for (String name :
                List.of("iss", "sub", "cnf", "ps", "jti", "exp", "iat", "nbf", "dwk", "aud")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            fx.agentProvider.agentToken(
                                    AGENT, AGENT_JWK, null, Duration.ofHours(1), Map.of(name, "x")),
                    name);
        }
        for (String name : List.of("scope", "sub", "act", "agent", "mission", "cnf")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            fx.ps.authToken(
                                    Dwk.PERSON,
                                    RESOURCE,
                                    AGENT,
                                    AGENT_JWK,
                                    Actor.of(AGENT),
                                    "user-123",
                                    null,
                                    null,
                                    Duration.ofHours(1),
                                    0,
                                    Map.of(name, "x")),
                    name);
        }
    }

    // ------------------------------------------------------------ resource token

    @Test
    @DisplayName(
            "Resource token: typ aa-resource+jwt, kid; claims iss, dwk aauth-resource.json, aud, jti, agent, agent_jkt, iat, exp, scope, mission")
    void resourceTokenHeaderAndClaims() {
        Mission mission = new Mission(PS, "dGhlIG1pc3Npb24gaGFzaA");
        MintedToken t =
                fx.resource.resourceToken(
                        PS,
                        AGENT,
                        AGENT_JKT,
                        List.of("data.read", "data.write"),
                        mission,
                        Duration.ofMinutes(5));
        ParsedJws jws = parse(t);
        assertEquals("aa-resource+jwt", jws.header().get("typ"));
        assertEquals("res-1", jws.header().get("kid"));
        Map<String, Object> c = jws.claims();
        assertEquals(RESOURCE, c.get("iss"));
        assertEquals("aauth-resource.json", c.get("dwk"));
        assertEquals(PS, c.get("aud"));
        assertEquals(AGENT, c.get("agent"));
        assertEquals(AGENT_JKT, c.get("agent_jkt"));
        assertEquals("data.read data.write", c.get("scope"));
        assertEquals(Map.of("approver", PS, "s256", "dGhlIG1pc3Npb24gaGFzaA"), c.get("mission"));
        assertEquals(t.jti(), c.get("jti"));
        assertEquals(T, c.get("iat"));
        assertEquals(T + 300, c.get("exp"));
        jws.verify(Fx.RESOURCE_KEYS.current().publicJwk());
    }

    @Test
    @DisplayName(
            "\"Resource tokens SHOULD NOT have a lifetime exceeding 5 minutes\": 5 min is minted, 5 min + 1 s is refused")
    void resourceTokenLifetimeIsCappedAt5Minutes() {
        assertEquals(
                300,
                fx.resource
                        .resourceToken(
                                PS, AGENT, AGENT_JKT, List.of("a"), null, Duration.ofMinutes(5))
                        .lifetimeSeconds());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.resource.resourceToken(
                                PS, AGENT, AGENT_JKT, List.of("a"), null, Duration.ofSeconds(301)));
    }

    @Test
    @DisplayName(
            "Resource token scope is required: an empty or malformed scope is refused at minting")
    void resourceTokenNeedsValidScope() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.resource.resourceToken(
                                PS, AGENT, AGENT_JKT, List.of(), null, Duration.ofMinutes(5)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.resource.resourceToken(
                                PS,
                                AGENT,
                                AGENT_JKT,
                                List.of("data read"),
                                null,
                                Duration.ofMinutes(5)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.resource.resourceToken(
                                PS,
                                AGENT,
                                AGENT_JKT,
                                List.of("a\"b"),
                                null,
                                Duration.ofMinutes(5)));
    }

    // ------------------------------------------------------------ auth token

    @Test
    @DisplayName(
            "Auth token from a PS: typ aa-auth+jwt, dwk aauth-person.json, aud, agent, cnf, act, sub, scope, identity claims")
    void psAuthTokenHeaderAndClaims() {
        MintedToken t =
                fx.ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        AGENT_JWK,
                        Actor.of(AGENT),
                        "user-123",
                        List.of("data.read", "email"),
                        null,
                        Duration.ofMinutes(20),
                        0,
                        Map.of("email", "u@example.com"));
        ParsedJws jws = parse(t);
        assertEquals("aa-auth+jwt", jws.header().get("typ"));
        assertEquals("ps-1", jws.header().get("kid"));
        Map<String, Object> c = jws.claims();
        assertEquals(PS, c.get("iss"));
        assertEquals("aauth-person.json", c.get("dwk"));
        assertEquals(RESOURCE, c.get("aud"));
        assertEquals(AGENT, c.get("agent"));
        assertEquals(Map.of("jwk", AGENT_JWK.toMap()), c.get("cnf"));
        assertEquals(Map.of("sub", AGENT), c.get("act"));
        assertEquals("user-123", c.get("sub"));
        assertEquals("data.read email", c.get("scope"));
        assertEquals("u@example.com", c.get("email"));
        assertEquals(T + 1200, c.get("exp"));
        assertFalse(c.containsKey("mission"));
    }

    @Test
    @DisplayName(
            "Auth token from an AS: dwk aauth-access.json, signed ES256 with the AS's P-256 key")
    void asAuthTokenHeaderAndClaims() {
        ParsedJws jws = Jws.parse(fx.asAuthToken());
        assertEquals("ES256", jws.header().get("alg"));
        assertEquals("as-1", jws.header().get("kid"));
        assertEquals("aauth-access.json", jws.claims().get("dwk"));
        assertEquals(Fx.AS, jws.claims().get("iss"));
        jws.verify(Fx.AS_KEYS.current().publicJwk());
    }

    @Test
    @DisplayName("\"In call chaining, act nests to record the full delegation chain\"")
    void authTokenCarriesTheNestedActChain() {
        Actor chain = Actor.nest("aauth:r1@resource.example", Actor.of(AGENT));
        ParsedJws jws =
                parse(
                        fx.ps.authToken(
                                Dwk.PERSON,
                                "https://downstream.example",
                                "aauth:r1@resource.example",
                                AGENT_JWK,
                                chain,
                                null,
                                List.of("pay"),
                                null,
                                Duration.ofMinutes(5),
                                0,
                                Map.of()));
        assertEquals(
                Map.of("sub", "aauth:r1@resource.example", "act", Map.of("sub", AGENT)),
                jws.claims().get("act"));
    }

    @Test
    @DisplayName(
            "\"Auth tokens MUST NOT have a lifetime exceeding 1 hour\": 1 h is minted, 1 h + 1 s is refused")
    void authTokenLifetimeIsCappedAt1Hour() {
        assertEquals(
                3600,
                fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of())
                        .lifetimeSeconds());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                "u",
                                null,
                                null,
                                Duration.ofSeconds(3601),
                                0,
                                Map.of()));
    }

    @Test
    @DisplayName(
            "An auth token never outlives notAfter (the agent token's exp); an already-expired bound is refused")
    void authTokenNeverOutlivesNotAfter() {
        MintedToken t =
                fx.ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        AGENT_JWK,
                        Actor.of(AGENT),
                        "u",
                        null,
                        null,
                        Duration.ofHours(1),
                        T + 600,
                        Map.of());
        assertEquals(T + 600, t.expiresAt());
        assertEquals(T + 600, Jws.parse(t.compact()).claims().get("exp"));
        MintedToken unbounded =
                fx.ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        AGENT_JWK,
                        Actor.of(AGENT),
                        "u",
                        null,
                        null,
                        Duration.ofHours(1),
                        T + 7200,
                        Map.of());
        assertEquals(T + 3600, unbounded.expiresAt());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                T,
                                Map.of()));
    }

    @Test
    @DisplayName(
            "\"At least one of sub or scope MUST be present\": neither is refused; either alone is minted")
    void authTokenNeedsSubOrScope() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                null,
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                null,
                                List.of(),
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
        Map<String, Object> subOnly =
                parse(
                                fx.ps.authToken(
                                        Dwk.PERSON,
                                        RESOURCE,
                                        AGENT,
                                        AGENT_JWK,
                                        Actor.of(AGENT),
                                        "user-123",
                                        null,
                                        null,
                                        Duration.ofHours(1),
                                        0,
                                        Map.of()))
                        .claims();
        assertFalse(subOnly.containsKey("scope"));
        Map<String, Object> scopeOnly =
                parse(
                                fx.ps.authToken(
                                        Dwk.PERSON,
                                        RESOURCE,
                                        AGENT,
                                        AGENT_JWK,
                                        Actor.of(AGENT),
                                        null,
                                        List.of("data.read"),
                                        null,
                                        Duration.ofHours(1),
                                        0,
                                        Map.of()))
                        .claims();
        assertFalse(scopeOnly.containsKey("sub"));
    }

    @Test
    @DisplayName(
            "\"In direct authorization, act.sub is the agent identifier\": a missing act or another act.sub is refused")
    void authTokenActMustNameTheAgent() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                null,
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of("aauth:other@agent.example"),
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
        Actor deep = Actor.of("aauth:a0@agent.example");
        for (int i = 1; i < Actor.MAX_DEPTH; i++) {
            deep = Actor.nest("aauth:a" + i + "@agent.example", deep);
        }
        Actor tooDeep = Actor.nest(AGENT, deep);
        assertEquals(Actor.MAX_DEPTH + 1, tooDeep.depth());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                tooDeep,
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
    }

    @Test
    @DisplayName(
            "Auth token dwk is \"aauth-access.json when issued by an AS, aauth-person.json when issued by a PS\"")
    void authTokenDwkMustBePersonOrAccess() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fx.ps.authToken(
                                Dwk.AGENT,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                "u",
                                null,
                                null,
                                Duration.ofHours(1),
                                0,
                                Map.of()));
    }

    // ------------------------------------------------------------ common

    @Test
    @DisplayName("jti: \"Unique token identifier\" — 128 random bits, base64url, never repeated")
    void jtiIsUniqueAnd128Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String jti = TokenIssuer.newJti();
            assertEquals(
                    16,
                    Base64Url.decode(jti, dev.aauth.error.AAuthError.INVALID_REQUEST, "jti")
                            .length);
            assertTrue(seen.add(jti), "duplicate jti");
        }
        MintedToken a =
                fx.agentProvider.agentToken(AGENT, AGENT_JWK, null, Duration.ofHours(1), Map.of());
        MintedToken b =
                fx.agentProvider.agentToken(AGENT, AGENT_JWK, null, Duration.ofHours(1), Map.of());
        assertFalse(a.jti().equals(b.jti()));
        assertFalse(a.compact().equals(b.compact()));
    }

    @Test
    @DisplayName(
            "Lifetimes must be whole positive seconds: zero, negative and sub-second are refused")
    void lifetimeMustBePositiveWholeSeconds() {
        for (Duration d : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(999))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> fx.agentProvider.agentToken(AGENT, AGENT_JWK, null, d, Map.of()),
                    d.toString());
        }
    }

    @Test
    @DisplayName("The issuer must be a server identifier (it becomes iss)")
    void issuerMustBeAServerIdentifier() {
        for (String bad :
                List.of(
                        "https://agent.example/",
                        "https://Agent.example",
                        "agent.example",
                        "https://agent.example/v1")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new TokenIssuer(bad, Fx.AGENT_KEYS, fx.clock),
                    bad);
        }
    }

    @Test
    @DisplayName(
            "Tokens are signed with the key set's current key; after rotation the new kid appears")
    void tokensAreSignedWithTheCurrentKey() {
        dev.aauth.jose.ServerKeySet keys =
                new dev.aauth.jose.ServerKeySet(
                        dev.aauth.jose.SigningKey.generate(
                                dev.aauth.jose.SignatureAlgorithm.ED25519, "k1"));
        TokenIssuer issuer = new TokenIssuer(RESOURCE, keys, fx.clock);
        assertEquals(
                "k1",
                Jws.parse(
                                issuer.resourceToken(
                                                PS,
                                                AGENT,
                                                AGENT_JKT,
                                                List.of("a"),
                                                null,
                                                Duration.ofMinutes(1))
                                        .compact())
                        .header()
                        .get("kid"));
        keys.rotate(
                dev.aauth.jose.SigningKey.generate(
                        dev.aauth.jose.SignatureAlgorithm.ED25519, "k2"));
        assertEquals(
                "k2",
                Jws.parse(
                                issuer.resourceToken(
                                                PS,
                                                AGENT,
                                                AGENT_JKT,
                                                List.of("a"),
                                                null,
                                                Duration.ofMinutes(1))
                                        .compact())
                        .header()
                        .get("kid"));
        assertNull(Jws.parse(fx.resourceToken()).claims().get("mission"));
    }
}
