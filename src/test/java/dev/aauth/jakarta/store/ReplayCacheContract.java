package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.profile.ReplayKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Person Server's replay cache on a real database (draft -11 "Freshness and Replay": "rejecting
 * duplicate tuples" for the window), shared by instances: two {@link DatabaseReplayCache}s on one
 * database are two server instances.
 */
abstract class ReplayCacheContract extends StoreTestSupport {

    static ReplayKey newKey() {
        return ReplayKey.of(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    @DisplayName("a key recorded by one instance is a replay at another instance on the database")
    void replayToTheOtherInstanceIsRefused() {
        DatabaseReplayCache here = new DatabaseReplayCache(store.transactions, clock);
        DatabaseReplayCache there = new DatabaseReplayCache(store.transactions, clock);
        ReplayKey k = newKey();
        assertTrue(here.firstSeen(k, now() + 61));
        assertFalse(there.firstSeen(k, now() + 61));
        assertFalse(here.firstSeen(k, now() + 61));
        assertTrue(there.firstSeen(newKey(), now() + 61));
    }

    @Test
    @DisplayName("insert-if-absent is atomic: of 16 instances racing one key, exactly one wins")
    void concurrentInsertsOneWinner() throws Exception {
        ReplayKey k = newKey();
        List<Boolean> results =
                race(
                        16,
                        i ->
                                () ->
                                        new DatabaseReplayCache(store.transactions, clock)
                                                .firstSeen(k, now() + 61));
        assertEquals(1, results.stream().filter(b -> b).count(), results.toString());
    }

    @Test
    @DisplayName(
            "one instance, concurrent requests (their keys share commits): of 16 racing one key exactly one wins, and each of 16 distinct keys is new once")
    void concurrentRequestsOnOneInstanceShareCommitsAndKeepOneWinner() throws Exception {
        DatabaseReplayCache one = new DatabaseReplayCache(store.transactions, clock);
        ReplayKey k = newKey();
        List<Boolean> same = race(16, i -> () -> one.firstSeen(k, now() + 61));
        assertEquals(1, same.stream().filter(b -> b).count(), same.toString());
        List<ReplayKey> keys =
                java.util.stream.Stream.generate(ReplayCacheContract::newKey).limit(16).toList();
        List<Boolean> distinct = race(16, i -> () -> one.firstSeen(keys.get(i), now() + 61));
        assertEquals(16, distinct.stream().filter(b -> b).count(), distinct.toString());
        List<Boolean> again = race(16, i -> () -> one.firstSeen(keys.get(i), now() + 61));
        assertEquals(0, again.stream().filter(b -> b).count(), again.toString());
    }

    @Test
    @DisplayName("expired rows are purged, live ones kept")
    void expiredRowsPurged() {
        DatabaseReplayCache c = new DatabaseReplayCache(store.transactions, clock);
        ReplayKey old = newKey();
        ReplayKey live = newKey();
        assertTrue(c.firstSeen(old, now() + 1));
        assertTrue(c.firstSeen(live, now() + 600));
        clock.advance(Duration.ofSeconds(DatabaseReplayCache.PURGE_GRACE + 2));
        assertTrue(c.purgeExpired(now() - DatabaseReplayCache.PURGE_GRACE) >= 1);
        assertTrue(c.firstSeen(old, now() + 61), "purged: recordable again");
        assertFalse(c.firstSeen(live, now() + 600), "not expired: kept");
    }
}
