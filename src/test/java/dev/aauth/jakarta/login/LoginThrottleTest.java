package dev.aauth.jakarta.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final LoginThrottle throttle =
            new LoginThrottle(clock, 3, 5, Duration.ofMinutes(15), 1000);

    @Test
    @DisplayName(
            "failed attempts are rate-limited per username: the 4th attempt within 15 min is refused until the window frees")
    void perUsername() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.blockedUntil("alice", "10.0.0." + i));
            throttle.failed("alice", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(
                Optional.of(T0.plus(Duration.ofMinutes(15))),
                throttle.blockedUntil("alice", "10.0.0.9"));
        assertEquals(
                Optional.empty(),
                throttle.blockedUntil("bob", "10.0.0.9"),
                "other usernames are not affected");
        clock.set(T0.plus(Duration.ofMinutes(15)));
        assertEquals(
                Optional.empty(),
                throttle.blockedUntil("alice", "10.0.0.9"),
                "the oldest failure left the window");
    }

    @Test
    @DisplayName("failed attempts are rate-limited per client, across usernames")
    void perClient() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertTrue(throttle.blockedUntil("someone-else", "10.0.0.1").isPresent());
        assertEquals(Optional.empty(), throttle.blockedUntil("someone-else", "10.0.0.2"));
    }

    @Test
    void successClearsTheUsernamesFailures() {
        throttle.failed("alice", "c");
        throttle.failed("alice", "c");
        throttle.succeeded("alice");
        throttle.failed("alice", "c");
        throttle.failed("alice", "c");
        assertEquals(Optional.empty(), throttle.blockedUntil("alice", "d"));
    }
}
