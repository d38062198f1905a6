package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AAuth draft, "Resource Challenge Verification": what an agent checks in a 401's resource token.
 */
class ResourceChallengeVerificationTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    @Test
    @DisplayName("Step 2: \"Decode and verify the resource token JWT\": a valid challenge verifies")
    void validChallengeVerifies() {
        ResourceToken t =
                verifier.verifyResourceChallenge(fx.resourceToken(), RESOURCE, AGENT, AGENT_JKT);
        assertEquals(RESOURCE, t.issuer());
    }

    @Test
    @DisplayName("Step 2: a forged or tampered challenge is invalid_resource_token")
    void step2ForgedChallenge() {
        String forged =
                Fx.sign(
                        "aa-resource+jwt",
                        Fx.resourceClaims(),
                        SigningKey.generate(SignatureAlgorithm.ED25519, "res-1"));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceChallenge(forged, RESOURCE, AGENT, AGENT_JKT));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceChallenge(
                                fx.agentToken(), RESOURCE, AGENT, AGENT_JKT));
    }

    @Test
    @DisplayName("Step 3: \"Verify iss matches the resource the agent sent the request to\"")
    void step3IssMustBeTheResourceCalled() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceChallenge(
                                fx.resourceToken(), "https://other.example", AGENT, AGENT_JKT));
    }

    @Test
    @DisplayName("Step 4: \"Verify agent matches the agent's own identifier\"")
    void step4AgentMustBeThisAgent() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceChallenge(
                                fx.resourceToken(),
                                RESOURCE,
                                "aauth:other@agent.example",
                                AGENT_JKT));
    }

    @Test
    @DisplayName(
            "Step 5: \"Verify agent_jkt matches the JWK Thumbprint of the agent's signing key\"")
    void step5AgentJktMustBeThisAgentsKey() {
        String other =
                SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk().thumbprint();
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceChallenge(fx.resourceToken(), RESOURCE, AGENT, other));
    }

    @Test
    @DisplayName(
            "Step 6: \"Verify exp is in the future\": an expired challenge is expired_resource_token")
    void step6ExpMustBeInTheFuture() {
        String t = fx.resourceToken();
        fx.clock.advance(Duration.ofMinutes(6));
        assertError(
                AAuthError.EXPIRED_RESOURCE_TOKEN,
                () -> verifier.verifyResourceChallenge(t, RESOURCE, AGENT, AGENT_JKT));
    }
}
