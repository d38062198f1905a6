package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AAuth draft, "Auth Token Response Verification": what the agent checks in the auth token it
 * receives.
 */
class AuthTokenResponseVerificationTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    @Test
    @DisplayName(
            "A correct response verifies (three-party: iss = the PS the resource token was addressed to)")
    void validResponseVerifies() {
        AuthToken t =
                verifier.verifyAuthTokenResponse(fx.authToken(), PS, RESOURCE, AGENT_JWK, AGENT);
        assertEquals(PS, t.issuer());
        AuthToken four =
                verifier.verifyAuthTokenResponse(
                        fx.asAuthToken(), Fx.AS, RESOURCE, AGENT_JWK, AGENT);
        assertEquals(Fx.AS, four.issuer());
    }

    @Test
    @DisplayName(
            "Step 1: \"SHOULD verify the auth token JWT signature using the issuer's JWKS\": a forged token is invalid_jwt")
    void step1Signature() {
        String forged =
                Fx.sign(
                        "aa-auth+jwt",
                        Fx.authClaims(),
                        SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthTokenResponse(forged, PS, RESOURCE, AGENT_JWK, AGENT));
    }

    @Test
    @DisplayName("Step 2: \"Verify iss matches the resource token's aud claim\"")
    void step2IssMustBeTheResourceTokensAud() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthTokenResponse(
                                fx.authToken(), Fx.AS, RESOURCE, AGENT_JWK, AGENT));
    }

    @Test
    @DisplayName("Step 3: \"Verify aud matches the resource the agent intends to access\"")
    void step3AudMustBeTheIntendedResource() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthTokenResponse(
                                fx.authToken(), PS, "https://other.example", AGENT_JWK, AGENT));
    }

    @Test
    @DisplayName("Step 4: \"Verify cnf.jwk matches the agent's own signing key\"")
    void step4CnfMustBeTheAgentsKey() {
        Jwk other = SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk();
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthTokenResponse(fx.authToken(), PS, RESOURCE, other, AGENT));
    }

    @Test
    @DisplayName("Step 5: \"Verify agent matches the agent's own identifier\"")
    void step5AgentMustBeThisAgent() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthTokenResponse(
                                fx.authToken(),
                                PS,
                                RESOURCE,
                                AGENT_JWK,
                                "aauth:other@agent.example"));
    }

    @Test
    @DisplayName("Step 6: \"Verify act.sub matches the agent's own identifier\"")
    void step6ActSubMustBeThisAgent() {
        Map<String, Object> c = Fx.authClaims();
        c.put("act", Map.of("sub", "aauth:other@agent.example"));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthTokenResponse(
                                Fx.signAuth(c), PS, RESOURCE, AGENT_JWK, AGENT));
    }

    @Test
    @DisplayName(
            "\"Agents MUST verify that aud, cnf, agent, and act match their own values\": none of them may be skipped with null")
    void nothingCanBeSkipped() {
        String t = fx.authToken();
        assertThrows(
                NullPointerException.class,
                () -> verifier.verifyAuthTokenResponse(t, PS, RESOURCE, AGENT_JWK, null));
        assertThrows(
                NullPointerException.class,
                () -> verifier.verifyAuthTokenResponse(t, PS, RESOURCE, null, AGENT));
        assertThrows(
                NullPointerException.class,
                () -> verifier.verifyAuthTokenResponse(t, PS, null, AGENT_JWK, AGENT));
        assertThrows(
                NullPointerException.class,
                () -> verifier.verifyAuthTokenResponse(t, null, RESOURCE, AGENT_JWK, AGENT));
    }

    @Test
    @DisplayName("An expired response is expired_jwt")
    void expiredResponse() {
        String t =
                fx.ps.authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_JWK,
                                Actor.of(AGENT),
                                null,
                                List.of("a"),
                                null,
                                Duration.ofMinutes(1),
                                0,
                                Map.of())
                        .compact();
        fx.clock.advance(Duration.ofMinutes(1));
        assertError(
                AAuthError.EXPIRED_JWT,
                () -> verifier.verifyAuthTokenResponse(t, PS, RESOURCE, AGENT_JWK, AGENT));
    }
}
