package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.AS;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.T;
import static dev.aauth.token.Fx.assertError;
import static dev.aauth.token.Fx.authClaims;
import static dev.aauth.token.Fx.signAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AAuth draft, "Auth Token Verification" (at the resource), step by step. Auth tokens travel in
 * {@code Signature-Key: sig=jwt}: failures are {@code invalid_jwt} / {@code expired_jwt}.
 */
class AuthTokenVerificationTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    private AuthToken atResource(String compact) {
        return verifier.verifyAuthToken(compact, RESOURCE);
    }

    private void invalid(Map<String, Object> claims) {
        assertError(AAuthError.INVALID_JWT, () -> atResource(signAuth(claims)));
    }

    /** A nested act chain of {@code depth} actors whose outermost sub is {@code AGENT}. */
    private static Map<String, Object> actChain(int depth) {
        Map<String, Object> act = Map.of("sub", "aauth:origin@agent.example");
        for (int i = 2; i < depth; i++) {
            act = Map.of("sub", "aauth:hop" + i + "@resource.example", "act", act);
        }
        return depth == 1 ? Map.of("sub", AGENT) : Map.of("sub", AGENT, "act", act);
    }

    @Test
    @DisplayName("An auth token from a PS (aauth-person.json) verifies and exposes its claims")
    void validPsAuthTokenVerifies() {
        AuthToken t = atResource(fx.authToken());
        assertEquals(PS, t.issuer());
        assertEquals(Dwk.PERSON, t.dwk());
        assertEquals(RESOURCE, t.audience());
        assertEquals(AGENT, t.agent());
        assertEquals(Actor.of(AGENT), t.act());
        assertEquals("user-123", t.subject());
        assertEquals(List.of("data.read"), t.scope());
        assertTrue(t.hasScopes(List.of("data.read")));
        assertEquals(AGENT_JWK.thumbprint(), t.cnf().thumbprint());
    }

    @Test
    @DisplayName("An auth token from an AS (aauth-access.json, ES256) verifies")
    void validAsAuthTokenVerifies() {
        AuthToken t = atResource(fx.asAuthToken());
        assertEquals(AS, t.issuer());
        assertEquals(Dwk.ACCESS, t.dwk());
        assertNull(t.subject());
    }

    // ---- step 1
    @ParameterizedTest
    @ValueSource(strings = {"aa-agent+jwt", "aa-resource+jwt", "JWT", "at+jwt", "aa-auth+JWT"})
    @DisplayName("Step 1: \"Verify typ is aa-auth+jwt\"")
    void step1TypMustBeAaAuthJwt(String typ) {
        assertError(
                AAuthError.INVALID_JWT,
                () -> atResource(Fx.sign(typ, authClaims(), Fx.PS_KEYS.current())));
    }

    // ---- step 2
    @ParameterizedTest
    @ValueSource(strings = {"aauth-agent.json", "aauth-resource.json", "openid-configuration"})
    @DisplayName("Step 2: \"Verify dwk is aauth-access.json ... or aauth-person.json\"")
    void step2DwkMustBeAccessOrPerson(String dwk) {
        Map<String, Object> c = authClaims();
        c.put("dwk", dwk);
        invalid(c);
    }

    @Test
    @DisplayName(
            "Step 2: keys are discovered under {iss}/.well-known/{dwk}: a PS token claiming aauth-access.json finds no key")
    void step2DwkSelectsTheKeySet() {
        Map<String, Object> c = authClaims();
        c.put("dwk", Dwk.ACCESS);
        invalid(c);
    }

    @Test
    @DisplayName("Step 2: unknown kid, another key, tampered payload are invalid_jwt")
    void step2SignatureChecks() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        atResource(
                                Fx.sign(
                                        "aa-auth+jwt",
                                        authClaims(),
                                        SigningKey.generate(SignatureAlgorithm.ED25519, "ps-2"))));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        atResource(
                                Fx.sign(
                                        "aa-auth+jwt",
                                        authClaims(),
                                        SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"))));
        Map<String, Object> c = authClaims();
        String valid = signAuth(c);
        c.put("scope", "data.read data.write admin");
        assertError(AAuthError.INVALID_JWT, () -> atResource(Fx.withPayload(valid, c)));
    }

    // ---- step 3
    @Test
    @DisplayName("Step 3: \"Verify exp is in the future and iat is not in the future\"")
    void step3Times() {
        String t = fx.authToken();
        fx.clock.advance(Duration.ofHours(1));
        assertError(AAuthError.EXPIRED_JWT, () -> atResource(t));
        fx.clock.set(Fx.NOW);
        Map<String, Object> c = authClaims();
        c.put("iat", T + 6);
        c.put("exp", T + 600);
        invalid(c);
        c.put("iat", T + 5);
        atResource(signAuth(c));
        c.put("exp", 1.5);
        invalid(c);
    }

    @Test
    @DisplayName(
            "\"Auth tokens MUST NOT have a lifetime exceeding 1 hour\": exp - iat > 3600 is invalid_jwt")
    void lifetimeOverOneHourIsRefused() {
        Map<String, Object> c = authClaims();
        c.put("exp", T + 3601);
        invalid(c);
        c.put("iat", T - 100);
        c.put("exp", T + 3500);
        assertEquals(T + 3500, atResource(signAuth(c)).expiresAt());
        // extreme values cannot overflow the lifetime check (exp - iat would wrap to a negative
        // number)
        c.put("iat", 0L);
        c.put("exp", 253402300799L);
        invalid(c);
        c.put("iat", -Long.MAX_VALUE);
        c.put("exp", Long.MAX_VALUE);
        invalid(c);
    }

    // ---- step 4
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://ps.example",
                "https://ps.example:8443",
                "https://ps.example/",
                "https://PS.example",
                "https://ps.example/v1"
            })
    @DisplayName("Step 4: \"Verify iss is a valid HTTPS URL\" (a server identifier)")
    void step4IssMustBeAServerIdentifier(String iss) {
        Map<String, Object> c = authClaims();
        c.put("iss", iss);
        TokenVerifier lenientKeys =
                fx.verifier(
                        (i, d, k) -> Fx.PS_KEYS.jwks().byKid(k).orElseThrow(), SecurityMode.STRICT);
        assertError(
                AAuthError.INVALID_JWT, () -> lenientKeys.verifyAuthToken(signAuth(c), RESOURCE));
    }

    // ---- step 5
    @Test
    @DisplayName("Step 5: \"Verify aud matches the resource's own identifier\"")
    void step5AudMustBeThisResource() {
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthToken(fx.authToken(), "https://other.example"));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthToken(fx.authToken(), "https://resource.example/"));
    }

    // ---- steps 6 and 7
    @Test
    @DisplayName(
            "Steps 6-7: \"Verify agent matches the agent identifier from the request's signing context\" and \"cnf.jwk matches the key used to sign the HTTP request\"")
    void steps6And7BindingToTheRequest() {
        AuthToken t = atResource(fx.authToken());
        TokenVerifier.requireBinding(t.cnf(), t.agent(), AGENT_JWK, AGENT, AAuthError.INVALID_JWT);
        Jwk other = SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk();
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        TokenVerifier.requireBinding(
                                t.cnf(), t.agent(), other, AGENT, AAuthError.INVALID_JWT));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        TokenVerifier.requireBinding(
                                t.cnf(),
                                t.agent(),
                                AGENT_JWK,
                                "aauth:other@agent.example",
                                AAuthError.INVALID_JWT));
    }

    @Test
    @DisplayName("agent must be an agent identifier; cnf.jwk must be a public key")
    void agentAndCnfShapes() {
        Map<String, Object> c = authClaims();
        c.put("agent", "Agent@agent.example");
        c.put("act", Map.of("sub", "Agent@agent.example"));
        invalid(c);
        Map<String, Object> d = authClaims();
        Map<String, Object> priv = new LinkedHashMap<>(AGENT_JWK.toMap());
        priv.put("d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        d.put("cnf", Map.of("jwk", priv));
        invalid(d);
    }

    // ---- step 8
    @Test
    @DisplayName("Step 8: \"Verify act is present\": a missing or malformed act is invalid_jwt")
    void step8ActMustBePresent() {
        Map<String, Object> c = authClaims();
        c.remove("act");
        invalid(c);
        for (Object bad :
                List.of(
                        AGENT,
                        Map.of(),
                        Map.of("sub", 5),
                        Map.of("sub", ""),
                        List.of(Map.of("sub", AGENT)),
                        Map.of("sub", AGENT, "act", "x"))) {
            c.put("act", bad);
            invalid(c);
        }
    }

    @Test
    @DisplayName("Step 8: \"act.sub matches the agent identifier\": another act.sub is invalid_jwt")
    void step8ActSubMustBeTheAgent() {
        Map<String, Object> c = authClaims();
        c.put("act", Map.of("sub", "aauth:other@agent.example"));
        invalid(c);
        c.put("act", Map.of("sub", "aauth:other@agent.example", "act", Map.of("sub", AGENT)));
        invalid(c);
    }

    @Test
    @DisplayName(
            "\"In call chaining, act nests to record the full delegation chain\": a chain of 8 verifies, 9 is refused")
    void nestedActChainDepth() {
        Map<String, Object> c = authClaims();
        c.put("act", actChain(Actor.MAX_DEPTH));
        AuthToken t = atResource(signAuth(c));
        assertEquals(Actor.MAX_DEPTH, t.act().depth());
        assertEquals("aauth:origin@agent.example", innermost(t.act()).sub());
        c.put("act", actChain(Actor.MAX_DEPTH + 1));
        invalid(c);
    }

    private static Actor innermost(Actor a) {
        while (a.act() != null) {
            a = a.act();
        }
        return a;
    }

    // ---- step 9
    @Test
    @DisplayName("Step 9: \"Verify that at least one of sub or scope is present\"")
    void step9SubOrScope() {
        Map<String, Object> c = authClaims();
        c.remove("sub");
        c.remove("scope");
        invalid(c);
        c.put("sub", "user-123");
        assertEquals(List.of(), atResource(signAuth(c)).scope());
        c.remove("sub");
        c.put("scope", "data.read");
        assertNull(atResource(signAuth(c)).subject());
        c.put("sub", "");
        invalid(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "data.read ", " data.read", "a  b", "a\"b"})
    @DisplayName("scope syntax: \"a space-separated string of scope values\"")
    void scopeSyntax(String scope) {
        Map<String, Object> c = authClaims();
        c.put("scope", scope);
        invalid(c);
    }

    @Test
    @DisplayName("Identity claims (OpenID Connect, tenant) are kept in claims()")
    void identityClaimsAreKept() {
        Map<String, Object> c = authClaims();
        c.put("email", "u@example.com");
        c.put("tenant", "acme");
        AuthToken t = atResource(signAuth(c));
        assertEquals("u@example.com", t.claims().get("email"));
        assertEquals("acme", t.claims().get("tenant"));
    }

    @Test
    @DisplayName("A Signature-Key jwt accepts agent and auth tokens when the policy allows both")
    void signatureKeyJwtAllowsPolicyTypes() {
        TokenVerifier v = fx.uncached();
        assertEquals(
                TokenType.AUTH,
                v.verifySignatureKeyJwt(
                                fx.authToken(),
                                java.util.EnumSet.of(TokenType.AGENT, TokenType.AUTH))
                        .type());
        assertEquals(
                TokenType.AGENT,
                v.verifySignatureKeyJwt(
                                fx.agentToken(),
                                java.util.EnumSet.of(TokenType.AGENT, TokenType.AUTH))
                        .type());
    }
}
