package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.AS;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.T;
import static dev.aauth.token.Fx.assertError;
import static dev.aauth.token.Fx.resourceClaims;
import static dev.aauth.token.Fx.signResource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AAuth draft, "Resource Token Verification" (at the PS or AS), step by step. Resource tokens
 * travel in token-endpoint bodies: failures are {@code invalid_resource_token} / {@code
 * expired_resource_token} ("Token Endpoint Error Codes").
 */
class ResourceTokenVerificationTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    /** Verifies at the PS (three-party): aud = PS, the requesting agent and its key thumbprint. */
    private ResourceToken atPs(String compact) {
        return verifier.verifyResourceToken(compact, PS, AGENT, AGENT_JKT, null);
    }

    private void invalid(Map<String, Object> claims) {
        assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(signResource(claims)));
    }

    @Test
    @DisplayName(
            "A well-formed resource token verifies and exposes iss, aud, jti, agent, agent_jkt, scope, mission")
    void validResourceTokenVerifies() {
        ResourceToken t = atPs(fx.resourceToken());
        assertEquals(RESOURCE, t.issuer());
        assertEquals(PS, t.audience());
        assertEquals(AGENT, t.agent());
        assertEquals(AGENT_JKT, t.agentJkt());
        assertEquals(List.of("data.read"), t.scope());
        assertEquals(T + 300, t.expiresAt());
        assertNull(t.mission());
    }

    // ---- step 1
    @ParameterizedTest
    @ValueSource(strings = {"aa-agent+jwt", "aa-auth+jwt", "JWT", "aa-resource+JWT", "at+jwt"})
    @DisplayName(
            "Step 1: \"Verify typ is aa-resource+jwt\": any other typ is invalid_resource_token")
    void step1TypMustBeAaResourceJwt(String typ) {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> atPs(Fx.sign(typ, resourceClaims(), Fx.RESOURCE_KEYS.current())));
    }

    @Test
    @DisplayName("Step 1: a malformed JWS is invalid_resource_token, not invalid_jwt")
    void step1MalformedIsInvalidResourceToken() {
        for (String bad : new String[] {null, "", "not-a-jwt", "a.b.c"}) {
            assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(bad));
        }
    }

    // ---- step 2
    @ParameterizedTest
    @ValueSource(strings = {"aauth-agent.json", "aauth-person.json", "aauth-access.json"})
    @DisplayName("Step 2: \"Verify dwk is aauth-resource.json\"")
    void step2DwkMustBeAauthResourceJson(String dwk) {
        Map<String, Object> c = resourceClaims();
        c.put("dwk", dwk);
        invalid(c);
    }

    @Test
    @DisplayName("Step 2: unknown kid, another key, tampered payload are invalid_resource_token")
    void step2SignatureChecks() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        atPs(
                                Fx.sign(
                                        "aa-resource+jwt",
                                        resourceClaims(),
                                        SigningKey.generate(SignatureAlgorithm.ED25519, "res-9"))));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        atPs(
                                Fx.sign(
                                        "aa-resource+jwt",
                                        resourceClaims(),
                                        SigningKey.generate(SignatureAlgorithm.ED25519, "res-1"))));
        Map<String, Object> c = resourceClaims();
        String valid = signResource(c);
        c.put("scope", "data.read data.delete");
        assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(Fx.withPayload(valid, c)));
    }

    // ---- step 3
    @Test
    @DisplayName("Step 3: \"Verify exp is in the future\": a past exp is expired_resource_token")
    void step3Expired() {
        String t = fx.resourceToken();
        fx.clock.advance(Duration.ofMinutes(5));
        assertError(AAuthError.EXPIRED_RESOURCE_TOKEN, () -> atPs(t));
    }

    @Test
    @DisplayName(
            "Step 3: \"iat is not in the future\": beyond the leeway is invalid_resource_token, within it is accepted")
    void step3IatInTheFuture() {
        Map<String, Object> c = resourceClaims();
        c.put("iat", T + 6);
        invalid(c);
        c.put("iat", T + 5);
        atPs(signResource(c));
        c.put("exp", "soon");
        invalid(c);
    }

    // ---- step 4
    @Test
    @DisplayName(
            "Step 4: \"Verify aud matches the recipient's own identifier\": another recipient is invalid_resource_token")
    void step4AudMustBeTheRecipient() {
        String t = fx.resourceToken();
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceToken(t, AS, AGENT, AGENT_JKT, null));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceToken(
                                t, "https://ps.example/", AGENT, AGENT_JKT, null));
    }

    @Test
    @DisplayName(
            "Step 4: aud as a one-element array is accepted (RFC 7519); several audiences or none are refused")
    void step4AudShapes() {
        Map<String, Object> c = resourceClaims();
        c.put("aud", List.of(PS));
        assertEquals(PS, atPs(signResource(c)).audience());
        c.put("aud", List.of(PS, AS));
        invalid(c);
        c.put("aud", List.of());
        invalid(c);
        c.remove("aud");
        invalid(c);
    }

    // ---- step 5
    @Test
    @DisplayName("Step 5: \"Verify agent matches the requesting agent's identifier\"")
    void step5AgentMustBeTheRequester() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceToken(
                                fx.resourceToken(),
                                PS,
                                "aauth:other@agent.example",
                                AGENT_JKT,
                                null));
        Map<String, Object> c = resourceClaims();
        c.put("agent", "not an agent");
        invalid(c);
    }

    // ---- step 6
    @Test
    @DisplayName(
            "Step 6: \"Verify agent_jkt matches the JWK Thumbprint of the key used to sign the HTTP request\"")
    void step6AgentJktMustMatchTheRequestKey() {
        String other =
                SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk().thumbprint();
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceToken(fx.resourceToken(), PS, AGENT, other, null));
        Map<String, Object> c = resourceClaims();
        c.remove("agent_jkt");
        invalid(c);
    }

    // ---- step 7
    @Test
    @DisplayName(
            "Step 7: \"If mission is present, verify mission.approver matches the PS that sent the token request\"")
    void step7MissionApproverMustBeTheRequestingPs() {
        Mission mission = new Mission(PS, "bWlzc2lvbi1oYXNo");
        String t =
                fx.resource
                        .resourceToken(
                                AS,
                                AGENT,
                                AGENT_JKT,
                                List.of("data.read"),
                                mission,
                                Duration.ofMinutes(5))
                        .compact();
        ResourceToken ok = verifier.verifyResourceToken(t, AS, AGENT, AGENT_JKT, PS);
        assertEquals(mission, ok.mission());
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceToken(
                                t, AS, AGENT, AGENT_JKT, "https://other-ps.example"));
        // no mission: nothing to compare, whoever sent the request
        String plain =
                fx.resource
                        .resourceToken(
                                AS,
                                AGENT,
                                AGENT_JKT,
                                List.of("data.read"),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        verifier.verifyResourceToken(plain, AS, AGENT, AGENT_JKT, "https://other-ps.example");
    }

    @Test
    @DisplayName("mission must be an object with non-empty approver and s256")
    void malformedMission() {
        for (Object bad :
                List.of(
                        "mission",
                        Map.of("approver", PS),
                        Map.of("s256", "x"),
                        Map.of("approver", "", "s256", "x"),
                        Map.of("approver", PS, "s256", 5))) {
            Map<String, Object> c = resourceClaims();
            c.put("mission", bad);
            invalid(c);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "data.read ",
                " data.read",
                "data.read  data.write",
                "data\"read",
                "data\\read",
                "données",
                "a\tb"
            })
    @DisplayName(
            "scope: \"a space-separated string of scope values\" (RFC 6749 scope-token syntax) or invalid_resource_token")
    void scopeSyntax(String scope) {
        Map<String, Object> c = resourceClaims();
        c.put("scope", scope);
        invalid(c);
    }

    @Test
    @DisplayName("scope is a required resource token claim")
    void scopeIsRequired() {
        Map<String, Object> c = resourceClaims();
        c.remove("scope");
        invalid(c);
        c.put("scope", List.of("data.read"));
        invalid(c);
        c.put("scope", "data.read data.write !#$%&'()*+,-./:;<=>?@[]^_`{|}~");
        assertEquals(3, atPs(signResource(c)).scope().size());
    }

    @Test
    @DisplayName(
            "Resource tokens are never accepted in DEVELOPMENT with a bad aud either: aud is compared exactly")
    void audIsComparedExactly() {
        TokenVerifier dev = fx.verifier(fx.local, SecurityMode.DEVELOPMENT);
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        dev.verifyResourceToken(
                                fx.resourceToken(), "https://PS.example", AGENT, AGENT_JKT, null));
    }
}
