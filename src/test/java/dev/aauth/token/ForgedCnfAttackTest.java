package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the key binding ({@code cnf}, RFC 7800): an attacker wants a token that binds ITS key
 * to someone else's identity, or wants to use a stolen token with its own key. "The agent token
 * binds the agent's identifier to its signing key" and "the auth token's cnf claim binds it to the
 * same key".
 */
class ForgedCnfAttackTest {

    private static final SigningKey ATTACKER =
            SigningKey.generate(SignatureAlgorithm.ED25519, null);

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    private static Map<String, Object> withCnf(Map<String, Object> claims, Object jwk) {
        claims.put("cnf", Map.of("jwk", jwk));
        return claims;
    }

    @Test
    @DisplayName("Swapping cnf.jwk in a genuine agent token's payload breaks the signature")
    void swappedCnfInAgentToken() {
        String genuine = fx.agentToken();
        Map<String, Object> forged = withCnf(Fx.agentClaims(), ATTACKER.publicJwk().toMap());
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAgentToken(Fx.withPayload(genuine, forged)));
    }

    @Test
    @DisplayName("Swapping cnf.jwk in a genuine auth token's payload breaks the signature")
    void swappedCnfInAuthToken() {
        String genuine = fx.authToken();
        Map<String, Object> forged = withCnf(Fx.authClaims(), ATTACKER.publicJwk().toMap());
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAuthToken(Fx.withPayload(genuine, forged), RESOURCE));
    }

    @Test
    @DisplayName(
            "A self-minted agent token binding the attacker's key to a real agent identifier is invalid_jwt")
    void selfMintedAgentToken() {
        SigningKey fakeIssuerKey = SigningKey.generate(SignatureAlgorithm.ED25519, "agent-1");
        Map<String, Object> c = withCnf(Fx.agentClaims(), ATTACKER.publicJwk().toMap());
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAgentToken(Fx.sign("aa-agent+jwt", c, fakeIssuerKey)));
    }

    @Test
    @DisplayName(
            "A stolen auth token used with the attacker's key fails the binding: \"cnf.jwk matches the key used to sign the HTTP request\"")
    void stolenTokenWithAnotherKey() {
        AuthToken t = verifier.verifyAuthToken(fx.authToken(), RESOURCE);
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        TokenVerifier.requireBinding(
                                t.cnf(),
                                t.agent(),
                                ATTACKER.publicJwk(),
                                AGENT,
                                AAuthError.INVALID_JWT));
        AgentToken a = verifier.verifyAgentToken(fx.agentToken());
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        TokenVerifier.requireBinding(
                                a.cnf(),
                                a.agent(),
                                ATTACKER.publicJwk(),
                                AGENT,
                                AAuthError.INVALID_JWT));
    }

    @Test
    @DisplayName("A private key in cnf.jwk (d) is refused even when the issuer signed it")
    void privateKeyInCnf() {
        Map<String, Object> priv = new LinkedHashMap<>(ATTACKER.toPrivateJwkMap());
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAgentToken(Fx.signAgent(withCnf(Fx.agentClaims(), priv))));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.signAuth(withCnf(Fx.authClaims(), priv)), RESOURCE));
    }

    @Test
    @DisplayName(
            "cnf.jwk that is symmetric, off-curve, alg none or alg-inconsistent is invalid_jwt")
    void unusableCnfKeys() {
        Map<String, Object> offCurve =
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "x",
                        "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                        "y",
                        "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1");
        Map<String, Object> algNone = new LinkedHashMap<>(AGENT_JWK.toMap());
        algNone.put("alg", "none");
        Map<String, Object> algMismatch = new LinkedHashMap<>(AGENT_JWK.toMap());
        algMismatch.put("alg", "ES256");
        for (Object jwk :
                List.of(
                        Map.of("kty", "oct", "k", "c2VjcmV0"),
                        offCurve,
                        algNone,
                        algMismatch,
                        Map.of("keys", List.of(AGENT_JWK.toMap())))) {
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> verifier.verifyAgentToken(Fx.signAgent(withCnf(Fx.agentClaims(), jwk))));
        }
    }

    @Test
    @DisplayName(
            "A cnf with a jku or jwk-set reference instead of an inline jwk is invalid_jwt (never followed)")
    void cnfReferencesAreNotFollowed() {
        Map<String, Object> c = Fx.agentClaims();
        c.put("cnf", Map.of("jku", "https://evil.example/jwks.json", "kid", "k"));
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(Fx.signAgent(c)));
    }
}
