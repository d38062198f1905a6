package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12: "a token-endpoint rate limit per agent (429 with Retry-After)". */
class RateLimiterTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    @DisplayName(
            "a burst of the permits passes, the next is refused with the seconds until a permit is back")
    void burstThenRefused() {
        RateLimiter l = new RateLimiter(60, Duration.ofMinutes(1), 10, clock);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, l.tryAcquire("a"), "request " + i);
        }
        assertEquals(1, l.tryAcquire("a"), "one permit a second: back in 1 s");
        AAuthException e =
                assertThrows(AAuthException.class, () -> l.acquire("a", AAuthError.SLOW_DOWN));
        assertEquals(429, e.status());
        assertEquals(1, e.retryAfter());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, l.tryAcquire("a"));
    }

    @Test
    @DisplayName("one agent's limit does not touch another's")
    void perKey() {
        RateLimiter l = new RateLimiter(2, Duration.ofMinutes(1), 10, clock);
        l.tryAcquire("a");
        l.tryAcquire("a");
        assertEquals(30, l.tryAcquire("a"));
        assertEquals(0, l.tryAcquire("b"));
    }

    @Test
    @DisplayName(
            "bounded: idle (refilled) buckets make room; when full of active ones a new key waits")
    void bounded() {
        RateLimiter l = new RateLimiter(2, Duration.ofMinutes(1), 2, clock);
        l.tryAcquire("a");
        l.tryAcquire("b");
        assertEquals(1, l.tryAcquire("c"), "full of active buckets: refused, not untracked");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, l.tryAcquire("c"));
        assertEquals(1, l.size());
    }
}
