package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.token.AuthToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent's auth token cache: per resource, scope and upstream token, until shortly before exp,
 * per key.
 */
class AuthTokenCacheTest {

    final AgentFixture fx = new AgentFixture();
    final AuthTokenCache cache = new AuthTokenCache(fx.clock, Duration.ofSeconds(30), 4);
    final List<String> scope = List.of("supply-chain:read", "supply-chain:check");
    final AuthTokenCache.Key key = AuthTokenCache.Key.of(AgentFixture.RESOURCE, scope, "");

    @Test
    @DisplayName(
            "a cached auth token is used until the margin before its exp, then asked for again")
    void usableUntilShortlyBeforeExp() {
        AuthToken t = fx.verifiedAuthToken(scope, Duration.ofMinutes(10));
        cache.put(key, t, fx.agent.jkt(), "POST", "/api/optimize");
        fx.clock.advance(Duration.ofSeconds(600 - 31));
        assertEquals(t, cache.get(key, fx.agent.jkt()).orElseThrow());
        fx.clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.get(key, fx.agent.jkt()).isEmpty(), "within 30 s of exp: not presented");
    }

    @Test
    @DisplayName(
            "the key is per resource and scope: the same scopes in another order hit, other scopes or resources miss")
    void perResourceAndScope() {
        AuthToken t = fx.verifiedAuthToken(scope, Duration.ofMinutes(10));
        cache.put(key, t, fx.agent.jkt(), null, null);
        assertTrue(
                cache.get(
                                AuthTokenCache.Key.of(
                                        AgentFixture.RESOURCE,
                                        List.of("supply-chain:check", "supply-chain:read"),
                                        ""),
                                fx.agent.jkt())
                        .isPresent());
        assertTrue(
                cache.get(
                                AuthTokenCache.Key.of(
                                        AgentFixture.RESOURCE, List.of("supply-chain:read"), ""),
                                fx.agent.jkt())
                        .isEmpty());
        assertTrue(
                cache.get(
                                AuthTokenCache.Key.of(AgentFixture.OTHER_RESOURCE, scope, ""),
                                fx.agent.jkt())
                        .isEmpty());
        assertTrue(
                cache.get(
                                AuthTokenCache.Key.of(AgentFixture.RESOURCE, scope, "upstream-1"),
                                fx.agent.jkt())
                        .isEmpty(),
                "a token obtained on behalf of one caller is not used for another");
    }

    @Test
    @DisplayName(
            "a new key drops the auth tokens bound to the old one (cnf.jwk); a token is never presented with another key")
    void newKeyDropsOldTokens() {
        AuthToken t = fx.verifiedAuthToken(scope, Duration.ofMinutes(10));
        cache.put(key, t, fx.agent.jkt(), "POST", "/api/optimize");
        assertTrue(cache.get(key, "another-key-thumbprint").isEmpty());
        cache.put(key, t, fx.agent.jkt(), "POST", "/api/optimize");
        cache.dropKey(fx.agent.jkt());
        assertEquals(0, cache.size());
        assertTrue(
                cache.forRequest(AgentFixture.RESOURCE, "POST", "/api/optimize", "", fx.agent.jkt())
                        .isEmpty());
    }

    @Test
    @DisplayName(
            "the route remembers the scope it was challenged for: the next request carries the token before any challenge")
    void routeFindsTheTokenBeforeAChallenge() {
        AuthToken t = fx.verifiedAuthToken(scope, Duration.ofMinutes(10));
        cache.put(key, t, fx.agent.jkt(), "POST", "/api/optimize");
        assertEquals(
                t,
                cache.forRequest(AgentFixture.RESOURCE, "POST", "/api/optimize", "", fx.agent.jkt())
                        .orElseThrow());
        assertTrue(
                cache.forRequest(AgentFixture.RESOURCE, "GET", "/api/optimize", "", fx.agent.jkt())
                        .isEmpty());
        assertTrue(
                cache.forRequest(AgentFixture.RESOURCE, "POST", "/api/orders", "", fx.agent.jkt())
                        .isEmpty());
    }

    @Test
    @DisplayName(
            "bounded: a full cache purges expired tokens, then stops caching rather than evicting")
    void bounded() {
        for (int i = 0; i < 4; i++) {
            cache.put(
                    AuthTokenCache.Key.of(AgentFixture.RESOURCE, List.of("s" + i), ""),
                    fx.verifiedAuthToken(List.of("s" + i), Duration.ofMinutes(1)),
                    fx.agent.jkt(),
                    null,
                    null);
        }
        AuthToken extra = fx.verifiedAuthToken(scope, Duration.ofMinutes(10));
        cache.put(key, extra, fx.agent.jkt(), null, null);
        assertFalse(cache.get(key, fx.agent.jkt()).isPresent(), "full: not cached");
        fx.clock.advance(Duration.ofMinutes(2));
        cache.put(key, extra, fx.agent.jkt(), null, null);
        assertTrue(cache.get(key, fx.agent.jkt()).isPresent(), "expired entries purged first");
        assertEquals(1, cache.size());
    }
}
