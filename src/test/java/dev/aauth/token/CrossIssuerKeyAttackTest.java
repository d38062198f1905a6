package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.OTHER;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.SigningKey;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A genuine issuer's key used to sign a token that names another issuer. "Discover the issuer's
 * JWKS via {iss}/.well-known/{dwk} ... Locate the key matching the JWT header kid": the key always
 * comes from the issuer the token names, under the dwk of its type, never from whoever signed it.
 */
class CrossIssuerKeyAttackTest {

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    private static SigningKey other() {
        return Fx.OTHER_KEYS.current();
    }

    @Test
    @DisplayName("Another issuer's key with its own kid: the named issuer publishes no such kid")
    void otherIssuersKidIsUnknownAtTheNamedIssuer() {
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAgentToken(
                                Fx.sign("aa-agent+jwt", Fx.agentClaims(), other())));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", Fx.authClaims(), other()), RESOURCE));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceToken(
                                Fx.sign("aa-resource+jwt", Fx.resourceClaims(), other()),
                                PS,
                                AGENT,
                                AGENT_JKT,
                                null));
    }

    @Test
    @DisplayName("Another issuer's key under the named issuer's kid: the signature does not verify")
    void otherIssuersKeyUnderTheRightKid() {
        SigningKey otherKey = other();
        // re-sign with the other issuer's key but announce the agent provider's kid
        String forged =
                dev.aauth.jose.Jws.sign(
                        Map.of("typ", "aa-agent+jwt", "kid", "agent-1"),
                        Fx.agentClaims(),
                        otherKey);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verifyAgentToken(forged));
    }

    @Test
    @DisplayName("A genuine issuer minting agent identifiers of another domain is refused")
    void issuerMintingForAnotherDomain() {
        Map<String, Object> c = Fx.agentClaims();
        c.put("iss", OTHER);
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verifyAgentToken(Fx.sign("aa-agent+jwt", c, other())));
        // control: for its own domain the same issuer is fine
        c.put("sub", "aauth:bot@other.example");
        assertEquals(
                "aauth:bot@other.example",
                verifier.verifyAgentToken(Fx.sign("aa-agent+jwt", c, other())).agent());
    }

    @Test
    @DisplayName(
            "The PS's key cannot sign an auth token naming the AS, nor the AS's key one naming the PS")
    void psAndAsKeysAreNotInterchangeable() {
        Map<String, Object> c = Fx.authClaims();
        c.put("iss", Fx.AS);
        c.put("dwk", Dwk.ACCESS);
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", c, Fx.PS_KEYS.current()), RESOURCE));
        Map<String, Object> d = Fx.authClaims();
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verifyAuthToken(
                                Fx.sign("aa-auth+jwt", d, Fx.AS_KEYS.current()), RESOURCE));
    }

    @Test
    @DisplayName("The AS's key cannot sign a resource token naming the resource")
    void asKeyCannotSignForTheResource() {
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        verifier.verifyResourceToken(
                                Fx.sign(
                                        "aa-resource+jwt",
                                        Fx.resourceClaims(),
                                        Fx.AS_KEYS.current()),
                                PS,
                                AGENT,
                                AGENT_JKT,
                                null));
    }

    @Test
    @DisplayName("A key retired from the issuer's key set stops verifying its tokens")
    void retiredKeyStopsVerifying() {
        dev.aauth.jose.ServerKeySet keys =
                new dev.aauth.jose.ServerKeySet(
                        SigningKey.generate(dev.aauth.jose.SignatureAlgorithm.ED25519, "r1"));
        LocalKeyResolver resolver = LocalKeyResolver.of(RESOURCE, Dwk.RESOURCE, keys, null);
        TokenVerifier v = fx.verifier(resolver, dev.aauth.id.SecurityMode.STRICT);
        TokenIssuer issuer = new TokenIssuer(RESOURCE, keys, fx.clock);
        String old =
                issuer.resourceToken(
                                PS,
                                AGENT,
                                AGENT_JKT,
                                java.util.List.of("a"),
                                null,
                                java.time.Duration.ofMinutes(5))
                        .compact();
        keys.rotate(SigningKey.generate(dev.aauth.jose.SignatureAlgorithm.ED25519, "r2"));
        String fresh =
                issuer.resourceToken(
                                PS,
                                AGENT,
                                AGENT_JKT,
                                java.util.List.of("a"),
                                null,
                                java.time.Duration.ofMinutes(5))
                        .compact();
        v.verifyResourceToken(old, PS, AGENT, AGENT_JKT, null);
        v.verifyResourceToken(fresh, PS, AGENT, AGENT_JKT, null);
        keys.retirePrevious();
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> v.verifyResourceToken(old, PS, AGENT, AGENT_JKT, null));
        v.verifyResourceToken(fresh, PS, AGENT, AGENT_JKT, null);
    }
}
