package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.profile.ReplayCache;
import dev.aauth.profile.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplayCache}, the port the Person Server's request verification records signatures in
 * (draft -11 "Freshness and Replay": "rejecting duplicate tuples" for the window): the first
 * sighting of a key is accepted, every later one inside the window refused.
 */
public abstract class ReplayCacheContract extends PortContract {

    /** The implementation under test, opened by {@link #open}. */
    protected abstract ReplayCache cache();

    static ReplayKey newKey() {
        return ReplayKey.of(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    long inAMinute() {
        return clock.instant().getEpochSecond() + 61;
    }

    @Test
    @DisplayName("a key seen once is a replay the second and every later time inside its window")
    void aKeySeenOnceIsAReplayAfterwards() {
        ReplayKey k = newKey();
        assertTrue(cache().firstSeen(k, inAMinute()));
        assertFalse(cache().firstSeen(k, inAMinute()));
        assertFalse(cache().firstSeen(k, inAMinute()));
    }

    @Test
    @DisplayName("another key is not a replay of the first")
    void keysAreIndependent() {
        assertTrue(cache().firstSeen(newKey(), inAMinute()));
        assertTrue(cache().firstSeen(newKey(), inAMinute()));
    }
}
