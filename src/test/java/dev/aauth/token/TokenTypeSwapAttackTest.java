package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Presenting a valid token of one type where another type belongs. Each verification section starts
 * with "Decode the JWT header. Verify typ is ..." and the dwk names the key set, so a genuine token
 * of the wrong type — or a genuine issuer minting the wrong type — never passes.
 */
class TokenTypeSwapAttackTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.verifier();

    @Test
    @DisplayName("An agent token where an auth token belongs is invalid_jwt")
    void agentTokenAsAuthToken() {
        assertError(
                AAuthError.INVALID_JWT, () -> verifier.verifyAuthToken(fx.agentToken(), RESOURCE));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifySignatureKeyJwt(fx.agentToken(), EnumSet.of(TokenType.AUTH)));
    }

    @Test
    @DisplayName("An auth token where an agent token belongs is invalid_jwt")
    void authTokenAsAgentToken() {
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(fx.authToken()));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifySignatureKeyJwt(fx.authToken(), EnumSet.of(TokenType.AGENT)));
    }

    @Test
    @DisplayName("A resource token in Signature-Key is invalid_jwt (it binds no signing key)")
    void resourceTokenInSignatureKey() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifySignatureKeyJwt(
                                fx.resourceToken(), EnumSet.of(TokenType.AGENT, TokenType.AUTH)));
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(fx.resourceToken()));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthToken(fx.resourceToken(), RESOURCE));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        verifier.verifySignatureKeyJwt(
                                fx.resourceToken(), EnumSet.of(TokenType.RESOURCE)));
    }

    @Test
    @DisplayName("An agent or auth token as resource_token is invalid_resource_token")
    void agentOrAuthTokenAsResourceToken() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceToken(fx.agentToken(), PS, AGENT, AGENT_JKT, null));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceToken(fx.authToken(), PS, AGENT, AGENT_JKT, null));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceChallenge(fx.authToken(), RESOURCE, AGENT, AGENT_JKT));
    }

    @Test
    @DisplayName(
            "The type check also holds on a warm cache: a cached agent token is still not an auth token")
    void swapOnTheCachedPath() {
        String agentToken = fx.agentToken();
        verifier.verifyAgentToken(agentToken);
        assertEquals(1, fx.cache.size());
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAuthToken(agentToken, RESOURCE));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> verifier.verifyResourceToken(agentToken, PS, AGENT, AGENT_JKT, null));
    }

    @Test
    @DisplayName("Changing typ in a genuine token's header breaks its signature")
    void retypedHeaderWithoutResigning() {
        String t = fx.agentToken();
        String retyped =
                Fx.withHeader(t, "{\"alg\":\"EdDSA\",\"typ\":\"aa-auth+jwt\",\"kid\":\"agent-1\"}");
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAuthToken(retyped, RESOURCE));
    }

    @Test
    @DisplayName(
            "An agent provider minting an aa-auth+jwt: its keys are published only under aauth-agent.json")
    void agentProviderMintingAnAuthToken() {
        Map<String, Object> c = Fx.authClaims();
        c.put("iss", Fx.AGENT_PROVIDER);
        // dwk aauth-agent.json is not an auth token dwk...
        c.put("dwk", Dwk.AGENT);
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", c, Fx.AGENT_KEYS.current()), RESOURCE));
        // ...and under aauth-person.json the agent provider publishes no key
        c.put("dwk", Dwk.PERSON);
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", c, Fx.AGENT_KEYS.current()), RESOURCE));
    }

    @Test
    @DisplayName(
            "A resource minting an aa-agent+jwt or aa-auth+jwt for itself is refused (wrong dwk key set)")
    void resourceMintingOtherTypes() {
        Map<String, Object> agent = Fx.agentClaims();
        agent.put("iss", RESOURCE);
        agent.put("sub", "aauth:bot@resource.example");
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign("aa-agent+jwt", agent, Fx.RESOURCE_KEYS.current())));
        Map<String, Object> auth = Fx.authClaims();
        auth.put("iss", RESOURCE);
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", auth, Fx.RESOURCE_KEYS.current()),
                                RESOURCE));
    }
}
