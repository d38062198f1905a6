package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.AS;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache: "jwt: Cache embedded keys until JWT expiration" and "Verifiers SHOULD
 * implement cache limits to prevent resource exhaustion attacks" (Signature-Key draft, "Caching and
 * Performance").
 */
class VerifiedTokenCacheTest {

    private final Fx fx = new Fx();

    private String agentToken(int n) {
        return fx.agentProvider
                .agentToken(AGENT, AGENT_JWK, null, Duration.ofMinutes(n), Map.of())
                .compact();
    }

    @Test
    @DisplayName(
            "Warm cache: a second verification of the same token does not call the key resolver")
    void secondVerificationDoesNotResolveKeys() {
        TokenVerifier v = fx.verifier();
        String t = fx.agentToken();
        AgentToken first = v.verifyAgentToken(t);
        assertEquals(1, fx.resolverCalls.get());
        AgentToken second = v.verifyAgentToken(t);
        assertEquals(1, fx.resolverCalls.get());
        assertSame(first, second);
        v.verifySignatureKeyJwt(t, java.util.EnumSet.of(TokenType.AGENT, TokenType.AUTH));
        assertEquals(1, fx.resolverCalls.get());
    }

    @Test
    @DisplayName(
            "Warm cache: expiry is still detected once the clock passes exp (expired_jwt / expired_resource_token)")
    void cachedTokenStillExpires() {
        TokenVerifier v = fx.verifier();
        String agent = fx.agentToken();
        String resource = fx.resourceToken();
        v.verifyAgentToken(agent);
        v.verifyResourceToken(resource, PS, AGENT, AGENT_JKT, null);
        assertEquals(2, fx.cache.size());
        fx.clock.advance(Duration.ofMinutes(5));
        assertError(
                AAuthError.EXPIRED_RESOURCE_TOKEN,
                () -> v.verifyResourceToken(resource, PS, AGENT, AGENT_JKT, null));
        v.verifyAgentToken(agent);
        fx.clock.advance(Duration.ofMinutes(55));
        assertError(AAuthError.EXPIRED_JWT, () -> v.verifyAgentToken(agent));
        assertEquals(2, fx.resolverCalls.get());
    }

    @Test
    @DisplayName(
            "Warm cache: the request-specific checks (aud, agent, agent_jkt) still run on every call")
    void requestChecksRunOnCachedTokens() {
        TokenVerifier v = fx.verifier();
        String resource = fx.resourceToken();
        v.verifyResourceToken(resource, PS, AGENT, AGENT_JKT, null);
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () -> v.verifyResourceToken(resource, AS, AGENT, AGENT_JKT, null));
        assertError(
                AAuthError.INVALID_RESOURCE_TOKEN,
                () ->
                        v.verifyResourceToken(
                                resource, PS, "aauth:x@agent.example", AGENT_JKT, null));
        String auth = fx.authToken();
        v.verifyAuthToken(auth, RESOURCE);
        assertError(AAuthError.INVALID_JWT, () -> v.verifyAuthToken(auth, "https://other.example"));
    }

    @Test
    @DisplayName(
            "A revoked (evicted) token is verified in full again: the resolver is called again")
    void evictedTokenIsVerifiedAgain() {
        TokenVerifier v = fx.verifier();
        String t = fx.authToken();
        v.verifyAuthToken(t, RESOURCE);
        fx.cache.evict(t);
        assertEquals(0, fx.cache.size());
        assertEquals(0, fx.cache.totalChars());
        v.verifyAuthToken(t, RESOURCE);
        assertEquals(2, fx.resolverCalls.get());
    }

    @Test
    @DisplayName("A token that fails verification is never cached")
    void failuresAreNotCached() {
        TokenVerifier v = fx.verifier();
        String forged = Fx.sign("aa-agent+jwt", Fx.agentClaims(), Fx.ATTACKER_KEY);
        assertError(AAuthError.INVALID_JWT, () -> v.verifyAgentToken(forged));
        assertError(AAuthError.INVALID_JWT, () -> v.verifyAgentToken(forged));
        assertEquals(0, fx.cache.size());
        assertEquals(2, fx.resolverCalls.get());
    }

    @Test
    @DisplayName("Cache limits: a full cache does not grow; the extra token is verified every time")
    void fullCacheDoesNotGrow() {
        VerifiedTokenCache small = new VerifiedTokenCache(2, fx.clock);
        TokenVerifier v = new TokenVerifier(fx.counting, fx.clock, SecurityMode.STRICT, small);
        String a = agentToken(10);
        String b = agentToken(20);
        String c = agentToken(30);
        v.verifyAgentToken(a);
        v.verifyAgentToken(b);
        v.verifyAgentToken(c);
        assertEquals(2, small.size());
        v.verifyAgentToken(a);
        v.verifyAgentToken(b);
        assertEquals(3, fx.resolverCalls.get());
        v.verifyAgentToken(c);
        v.verifyAgentToken(c);
        assertEquals(5, fx.resolverCalls.get());
        assertEquals(2, small.size());
    }

    @Test
    @DisplayName(
            "Cache limits: a full cache is purged at most once a second, not on every new token (a purge walks the whole cache)")
    void aFullCacheIsPurgedAtMostOnceASecond() {
        VerifiedTokenCache small = new VerifiedTokenCache(1, fx.clock);
        TokenVerifier v = new TokenVerifier(fx.counting, fx.clock, SecurityMode.STRICT, small);
        String a = agentToken(1); // expires 60 s from now
        v.verifyAgentToken(a);
        fx.clock.advance(Duration.ofMillis(59_600));
        v.verifyAgentToken(agentToken(30)); // full: purged now, a is still live, not cached
        fx.clock.advance(Duration.ofMillis(500)); // a has expired
        String soon = agentToken(30);
        v.verifyAgentToken(soon); // full, the last purge 0.5 s ago: no purge, not cached
        assertEquals(a.length(), small.totalChars(), "a is still held");
        fx.clock.advance(Duration.ofMillis(600));
        String later = agentToken(30);
        v.verifyAgentToken(later); // 1.1 s after the last purge: purged, a goes, later is cached
        assertEquals(later.length(), small.totalChars());
        int calls = fx.resolverCalls.get();
        v.verifyAgentToken(later);
        assertEquals(calls, fx.resolverCalls.get(), "cached");
    }

    @Test
    @DisplayName(
            "Cache limits: expired entries are purged to make room; live ones are never evicted by newcomers")
    void expiredEntriesMakeRoom() {
        VerifiedTokenCache small = new VerifiedTokenCache(1, fx.clock);
        TokenVerifier v = new TokenVerifier(fx.counting, fx.clock, SecurityMode.STRICT, small);
        String shortLived = agentToken(1);
        v.verifyAgentToken(shortLived);
        String later = agentToken(30);
        v.verifyAgentToken(later);
        assertEquals(1, small.size());
        fx.clock.advance(Duration.ofMinutes(2));
        v.verifyAgentToken(later);
        assertEquals(3, fx.resolverCalls.get());
        v.verifyAgentToken(later);
        assertEquals(3, fx.resolverCalls.get());
        assertEquals(later.length(), small.totalChars());
    }

    @Test
    @DisplayName(
            "Cache limits: the total size of cached tokens is bounded too (big tokens cannot exhaust memory)")
    void totalSizeIsBounded() {
        String t = fx.agentToken();
        VerifiedTokenCache bySize = new VerifiedTokenCache(100, t.length() + 10, fx.clock);
        TokenVerifier v = new TokenVerifier(fx.counting, fx.clock, SecurityMode.STRICT, bySize);
        v.verifyAgentToken(t);
        String big =
                fx.agentProvider
                        .agentToken(
                                AGENT,
                                AGENT_JWK,
                                null,
                                Duration.ofHours(1),
                                Map.of("padding", "x".repeat(2000)))
                        .compact();
        v.verifyAgentToken(big);
        assertEquals(1, bySize.size());
        assertEquals(t.length(), bySize.totalChars());
    }

    @Test
    @DisplayName("A disabled cache verifies every time")
    void disabledCache() {
        TokenVerifier v = fx.uncached();
        String t = fx.agentToken();
        v.verifyAgentToken(t);
        v.verifyAgentToken(t);
        assertEquals(2, fx.resolverCalls.get());
    }

    @Test
    void negativeBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VerifiedTokenCache(-1, fx.clock));
        assertThrows(IllegalArgumentException.class, () -> new VerifiedTokenCache(1, -1, fx.clock));
    }

    @Test
    @DisplayName("purgeExpired drops exactly the expired entries")
    void purgeExpired() {
        TokenVerifier v = fx.verifier();
        v.verifyAgentToken(agentToken(1));
        v.verifyAgentToken(agentToken(10));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.cache.purgeExpired();
        assertEquals(1, fx.cache.size());
    }
}
