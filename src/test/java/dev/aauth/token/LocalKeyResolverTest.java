package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT_PROVIDER;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalKeyResolver}: this deployment's issuers resolved from their key sets, others
 * delegated.
 */
class LocalKeyResolverTest {

    private static final Jwk FOREIGN =
            SigningKey.generate(SignatureAlgorithm.ED25519, "f1").publicJwk();

    private final AtomicInteger fallbackCalls = new AtomicInteger();
    private final IssuerKeyResolver fallback =
            (iss, dwk, kid) -> {
                fallbackCalls.incrementAndGet();
                if (iss.equals("https://foreign.example") && kid.equals("f1")) {
                    return FOREIGN;
                }
                throw new dev.aauth.error.AAuthException(AAuthError.UNKNOWN_KEY, "not found");
            };

    private final ServerKeySet keys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "k1"));
    private final LocalKeyResolver resolver =
            LocalKeyResolver.builder()
                    .add(AGENT_PROVIDER, Dwk.AGENT, keys)
                    .add("https://psas.example", Dwk.PERSON, Fx.PS_KEYS)
                    .add("https://psas.example", Dwk.ACCESS, Fx.PS_KEYS)
                    .fallback(fallback)
                    .build();

    @Test
    @DisplayName("A local issuer's key comes from its ServerKeySet, without the fallback (no HTTP)")
    void localIssuerResolvesLocally() {
        assertEquals(keys.current().publicJwk(), resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k1"));
        assertEquals(
                Fx.PS_KEYS.current().publicJwk(),
                resolver.resolve("https://psas.example", Dwk.ACCESS, "ps-1"));
        assertEquals(0, fallbackCalls.get());
        assertTrue(resolver.isLocal(AGENT_PROVIDER));
    }

    @Test
    @DisplayName("A foreign issuer goes to the fallback (e.g. JwksCache::findKey)")
    void foreignIssuerUsesFallback() {
        assertEquals(FOREIGN, resolver.resolve("https://foreign.example", Dwk.AGENT, "f1"));
        assertEquals(1, fallbackCalls.get());
        assertFalse(resolver.isLocal("https://foreign.example"));
    }

    @Test
    @DisplayName(
            "A local issuer's unknown kid or unregistered dwk is unknown_key and never falls back to a fetch")
    void localRegistrationIsAuthoritative() {
        assertError(
                AAuthError.UNKNOWN_KEY, () -> resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k9"));
        assertError(
                AAuthError.UNKNOWN_KEY, () -> resolver.resolve(AGENT_PROVIDER, Dwk.PERSON, "k1"));
        assertError(
                AAuthError.UNKNOWN_KEY, () -> resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, null));
        assertEquals(0, fallbackCalls.get());
    }

    @Test
    @DisplayName(
            "\"Implementations MUST perform exact string comparison on server identifiers\": a near-miss is not local")
    void exactComparison() {
        assertError(
                AAuthError.UNKNOWN_KEY,
                () -> resolver.resolve("https://Agent.example", Dwk.AGENT, "k1"));
        assertError(
                AAuthError.UNKNOWN_KEY,
                () -> resolver.resolve("https://agent.example/", Dwk.AGENT, "k1"));
        assertEquals(2, fallbackCalls.get());
    }

    @Test
    @DisplayName("Without a fallback every foreign issuer is unknown_key")
    void noFallback() {
        LocalKeyResolver only = LocalKeyResolver.of(AGENT_PROVIDER, Dwk.AGENT, keys, null);
        assertError(
                AAuthError.UNKNOWN_KEY,
                () -> only.resolve("https://foreign.example", Dwk.AGENT, "f1"));
        assertError(AAuthError.UNKNOWN_KEY, () -> only.resolve(null, Dwk.AGENT, "f1"));
    }

    @Test
    @DisplayName(
            "Rotation is seen at once: both keys during rotation, only the new one after retirePrevious")
    void rotationIsLive() {
        keys.rotate(SigningKey.generate(SignatureAlgorithm.ED25519, "k2"));
        resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k1");
        resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k2");
        keys.retirePrevious();
        assertError(
                AAuthError.UNKNOWN_KEY, () -> resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k1"));
        resolver.resolve(AGENT_PROVIDER, Dwk.AGENT, "k2");
    }

    @Test
    void duplicateRegistrationIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        LocalKeyResolver.builder()
                                .add(AGENT_PROVIDER, Dwk.AGENT, keys)
                                .add(AGENT_PROVIDER, Dwk.AGENT, keys));
    }

    @Test
    @DisplayName(
            "In-process roles verify each other's tokens through it: agent provider, resource, PS and AS")
    void inProcessRolesVerifyEachOther() {
        Fx fx = new Fx();
        TokenVerifier v = fx.verifier(fx.local, SecurityMode.STRICT);
        v.verifyAgentToken(fx.agentToken());
        v.verifyResourceToken(fx.resourceToken(), Fx.PS, Fx.AGENT, Fx.AGENT_JKT, null);
        v.verifyAuthToken(fx.authToken(), Fx.RESOURCE);
        v.verifyAuthToken(fx.asAuthToken(), Fx.RESOURCE);
    }
}
