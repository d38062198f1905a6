package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.AGENT_PROVIDER;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.T;
import static dev.aauth.token.Fx.agentClaims;
import static dev.aauth.token.Fx.assertError;
import static dev.aauth.token.Fx.signAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AAuth draft, "Agent Token Verification", step by step. Agent tokens travel in {@code
 * Signature-Key: sig=jwt}, so every failure is {@code invalid_jwt} or {@code expired_jwt}.
 */
class AgentTokenVerificationTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    private void invalid(Map<String, Object> claims) {
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(signAgent(claims)));
    }

    @Test
    @DisplayName(
            "A well-formed agent token verifies and exposes iss, sub, jti, cnf.jwk, iat, exp, ps")
    void validAgentTokenVerifies() {
        AgentToken t = verifier.verifyAgentToken(fx.agentToken());
        assertEquals(AGENT_PROVIDER, t.issuer());
        assertEquals(AGENT, t.agent());
        assertEquals(PS, t.ps());
        assertEquals(T, t.issuedAt());
        assertEquals(T + 3600, t.expiresAt());
        assertEquals(AGENT_JWK.thumbprint(), t.cnf().thumbprint());
        assertEquals(TokenType.AGENT, t.type());
    }

    // ---- step 1
    @ParameterizedTest
    @ValueSource(
            strings = {
                "JWT",
                "aa-agent+JWT",
                "AA-AGENT+JWT",
                "application/aa-agent+jwt",
                "aa-auth+jwt",
                "aa-resource+jwt",
                "jkt-s256+jwt",
                ""
            })
    @DisplayName(
            "Step 1: \"Decode the JWT header. Verify typ is aa-agent+jwt.\" Any other typ is invalid_jwt")
    void step1TypMustBeAaAgentJwt(String typ) {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign(typ, agentClaims(), Fx.AGENT_KEYS.current())));
    }

    @Test
    @DisplayName("Step 1: a token without typ is invalid_jwt")
    void step1MissingTypIsRefused() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign(null, agentClaims(), Fx.AGENT_KEYS.current())));
    }

    // ---- step 2
    @ParameterizedTest
    @ValueSource(
            strings = {
                "aauth-person.json",
                "aauth-access.json",
                "aauth-resource.json",
                "openid-configuration",
                "AAUTH-AGENT.JSON"
            })
    @DisplayName("Step 2: \"Verify dwk is aauth-agent.json.\" Any other dwk is invalid_jwt")
    void step2DwkMustBeAauthAgentJson(String dwk) {
        Map<String, Object> c = agentClaims();
        c.put("dwk", dwk);
        invalid(c);
    }

    @Test
    @DisplayName("Step 2: a missing dwk is invalid_jwt")
    void step2MissingDwk() {
        Map<String, Object> c = agentClaims();
        c.remove("dwk");
        invalid(c);
    }

    @Test
    @DisplayName(
            "Step 2: \"Locate the key matching the JWT header kid\": an unknown kid is invalid_jwt")
    void step2UnknownKid() {
        SigningKey unpublished = SigningKey.generate(SignatureAlgorithm.ED25519, "agent-2");
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign("aa-agent+jwt", agentClaims(), unpublished)));
    }

    @Test
    @DisplayName("Step 2: a token without kid is invalid_jwt")
    void step2MissingKid() {
        String t = fx.agentToken();
        String header = "{\"alg\":\"EdDSA\",\"typ\":\"aa-agent+jwt\"}";
        assertError(
                AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(Fx.withHeader(t, header)));
    }

    @Test
    @DisplayName("Step 2: \"verify the JWT signature\": a tampered payload is invalid_jwt")
    void step2TamperedPayload() {
        Map<String, Object> c = agentClaims();
        String valid = signAgent(c);
        verifier.verifyAgentToken(valid);
        c.put("sub", "aauth:admin@agent.example");
        assertError(
                AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(Fx.withPayload(valid, c)));
    }

    @Test
    @DisplayName("Step 2: a signature by another key under the issuer's kid is invalid_jwt")
    void step2SignatureByAnotherKey() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign("aa-agent+jwt", agentClaims(), Fx.ATTACKER_KEY)));
    }

    // ---- step 3
    @Test
    @DisplayName(
            "Step 3: \"Verify exp is in the future\": exp in the past or exactly now is expired_jwt")
    void step3ExpiredIsExpiredJwt() {
        Map<String, Object> c = agentClaims();
        c.put("iat", T - 3600);
        c.put("exp", T - 1);
        assertError(AAuthError.EXPIRED_JWT, () -> verifier.verifyAgentToken(signAgent(c)));
        c.put("exp", T);
        assertError(AAuthError.EXPIRED_JWT, () -> verifier.verifyAgentToken(signAgent(c)));
        c.put("exp", T + 1);
        assertEquals(T + 1, verifier.verifyAgentToken(signAgent(c)).expiresAt());
    }

    @Test
    @DisplayName("Step 3: a token minted now expires once the clock passes its exp")
    void step3ExpiryFollowsTheClock() {
        String t = fx.agentToken();
        fx.clock.advance(java.time.Duration.ofSeconds(3599));
        verifier.verifyAgentToken(t);
        fx.clock.advance(java.time.Duration.ofSeconds(1));
        assertError(AAuthError.EXPIRED_JWT, () -> verifier.verifyAgentToken(t));
    }

    @Test
    @DisplayName(
            "Step 3: \"iat is not in the future\": iat more than the 5 s leeway ahead is invalid_jwt")
    void step3IatInTheFuture() {
        Map<String, Object> c = agentClaims();
        c.put("iat", T + 6);
        invalid(c);
    }

    @Test
    @DisplayName("Step 3: iat up to 5 s ahead (clock skew between servers) is accepted")
    void step3IatWithinLeeway() {
        Map<String, Object> c = agentClaims();
        c.put("iat", T + 5);
        assertEquals(T + 5, verifier.verifyAgentToken(signAgent(c)).issuedAt());
    }

    @Test
    @DisplayName(
            "Step 3: exp and iat are NumericDates: a string, a fraction, a negative or an absurd value is invalid_jwt")
    void step3NonIntegerDates() {
        for (Object bad :
                List.of(
                        "1730221200",
                        1.7302212005E9,
                        (double) (T + 3600),
                        -1L,
                        253402300800L,
                        true)) {
            Map<String, Object> c = agentClaims();
            c.put("exp", bad);
            invalid(c);
            Map<String, Object> d = agentClaims();
            d.put("iat", bad);
            invalid(d);
        }
        Map<String, Object> c = agentClaims();
        c.remove("exp");
        invalid(c);
        Map<String, Object> d = agentClaims();
        d.remove("iat");
        invalid(d);
    }

    @Test
    @DisplayName("Step 3: exp not after iat is invalid_jwt")
    void step3ExpBeforeIat() {
        Map<String, Object> c = agentClaims();
        c.put("iat", T + 2);
        c.put("exp", T + 2);
        invalid(c);
    }

    @Test
    @DisplayName(
            "RFC 7519 4.1.5: a present nbf in the future is invalid_jwt; in the past it is fine")
    void nbfIsHonoured() {
        Map<String, Object> c = agentClaims();
        c.put("nbf", T + 60);
        invalid(c);
        c.put("nbf", T - 60);
        verifier.verifyAgentToken(signAgent(c));
    }

    // ---- step 4
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://agent.example",
                "https://agent.example:8443",
                "https://agent.example/v1",
                "https://Agent.Example",
                "https://agent.example/",
                "https://agent.example?x=1",
                "agent.example",
                "https://localhost"
            })
    @DisplayName(
            "Step 4: \"Verify iss is a valid HTTPS URL conforming to the Server Identifier requirements\" (STRICT)")
    void step4IssMustBeAServerIdentifier(String iss) {
        Map<String, Object> c = agentClaims();
        c.put("iss", iss);
        // a resolver that would hand out the key anyway: only the iss rule can refuse
        TokenVerifier lenientKeys =
                fx.verifier(
                        (i, d, k) -> Fx.AGENT_KEYS.jwks().byKid(k).orElseThrow(),
                        SecurityMode.STRICT);
        assertError(AAuthError.INVALID_JWT, () -> lenientKeys.verifyAgentToken(signAgent(c)));
    }

    @Test
    @DisplayName(
            "Step 4 in DEVELOPMENT: http, a port and localhost are accepted (with a matching agent domain)")
    void step4DevelopmentAllowsHttpAndPorts() {
        TokenVerifier dev =
                fx.verifier(
                        (i, d, k) -> Fx.AGENT_KEYS.jwks().byKid(k).orElseThrow(),
                        SecurityMode.DEVELOPMENT);
        Map<String, Object> c = agentClaims();
        c.put("iss", "http://agent.example");
        assertEquals("http://agent.example", dev.verifyAgentToken(signAgent(c)).issuer());
        c.put("iss", "http://localhost:9080");
        c.put("sub", "aauth:demo@localhost:9080");
        assertEquals("aauth:demo@localhost:9080", dev.verifyAgentToken(signAgent(c)).agent());
        for (String stillBad :
                List.of(
                        "https://Agent.Example",
                        "https://agent.example/",
                        "https://agent.example/v1")) {
            Map<String, Object> d = agentClaims();
            d.put("iss", stillBad);
            assertError(AAuthError.INVALID_JWT, () -> dev.verifyAgentToken(signAgent(d)));
        }
    }

    @Test
    @DisplayName(
            "sub: the agent identifier's domain is \"the agent provider's domain\": another domain is invalid_jwt")
    void subDomainMustBeTheIssuersDomain() {
        Map<String, Object> c = agentClaims();
        c.put("sub", "aauth:assistant@evil.example");
        invalid(c);
        c.put("sub", "aauth:assistant@sub.agent.example");
        invalid(c);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "My Agent@agent.example",
                "aauth:@agent.example",
                "aauth:Assistant@agent.example",
                "assistant@agent.example",
                "aauth:a@http://agent.example"
            })
    @DisplayName("sub must be an agent identifier aauth:local@domain")
    void subMustBeAnAgentIdentifier(String sub) {
        Map<String, Object> c = agentClaims();
        c.put("sub", sub);
        invalid(c);
    }

    @Test
    @DisplayName("Required claims sub, jti, cnf: a missing one is invalid_jwt")
    void requiredClaimsMustBePresent() {
        for (String name : List.of("sub", "jti", "cnf", "iss")) {
            Map<String, Object> c = agentClaims();
            c.remove(name);
            invalid(c);
        }
    }

    @Test
    @DisplayName(
            "cnf: \"Confirmation claim with jwk containing the agent's public key\": a malformed cnf is invalid_jwt")
    void malformedCnf() {
        Map<String, Object> x = new LinkedHashMap<>(AGENT_JWK.toMap());
        x.remove("x");
        List<Object> bad =
                List.of(
                        "jwk",
                        Map.of(),
                        Map.of("jwk", "not-an-object"),
                        Map.of("jwk", x),
                        Map.of(
                                "jwk",
                                Map.of("kty", "OKP", "crv", "Ed25519", "x", "not base64url!")),
                        Map.of("jwk", Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA")),
                        Map.of("jkt", Fx.AGENT_JKT));
        for (Object cnf : bad) {
            Map<String, Object> c = agentClaims();
            c.put("cnf", cnf);
            invalid(c);
        }
    }

    // ---- step 5
    @Test
    @DisplayName("Step 5: \"Verify cnf.jwk matches the key used to sign the HTTP request\"")
    void step5CnfMustMatchTheRequestKey() {
        AgentToken t = verifier.verifyAgentToken(fx.agentToken());
        TokenVerifier.requireBinding(
                t.cnf(), t.agent(), AGENT_JWK.withoutMetadata(), AGENT, AAuthError.INVALID_JWT);
        Jwk other = SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk();
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        TokenVerifier.requireBinding(
                                t.cnf(), t.agent(), other, AGENT, AAuthError.INVALID_JWT));
    }

    // ---- step 6
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://ps.example",
                "https://ps.example/",
                "ps.example",
                "https://PS.example",
                "https://ps.example:443"
            })
    @DisplayName(
            "Step 6: \"If ps is present, verify it is a valid HTTPS URL conforming to the Server Identifier requirements\"")
    void step6PsMustBeAServerIdentifier(String ps) {
        Map<String, Object> c = agentClaims();
        c.put("ps", ps);
        invalid(c);
    }

    @Test
    @DisplayName("Step 6: ps is optional; a non-string ps is invalid_jwt")
    void step6PsIsOptional() {
        Map<String, Object> c = agentClaims();
        c.remove("ps");
        assertNull(verifier.verifyAgentToken(signAgent(c)).ps());
        c.put("ps", 42);
        invalid(c);
    }

    @Test
    @DisplayName(
            "\"PSes and ASes MUST ignore unrecognized claims\": extra claims verify and are kept")
    void unrecognizedClaimsAreIgnored() {
        Map<String, Object> c = agentClaims();
        c.put("attestation", Map.of("platform", "tpm"));
        c.put("x-custom", 7);
        AgentToken t = verifier.verifyAgentToken(signAgent(c));
        assertEquals(Map.of("platform", "tpm"), t.claims().get("attestation"));
    }

    @Test
    @DisplayName("Garbage, an empty string and null are invalid_jwt")
    void garbageIsInvalidJwt() {
        for (String bad :
                new String[] {null, "", "a.b", "a.b.c", "eyJ.eyJ.sig", "x".repeat(20_000)}) {
            assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(bad));
        }
    }
}
