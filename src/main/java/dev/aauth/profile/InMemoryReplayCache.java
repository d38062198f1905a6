package dev.aauth.profile;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReplayCache} in this instance's memory, bounded by a number of entries.
 *
 * <p>Policy when full: <b>refuse, never forget</b>. Evicting a key that is still inside its window
 * would let that request be replayed, so when {@code maxEntries} keys are live the cache first
 * drops every expired one and, if still full, refuses the new request with {@code
 * temporarily_unavailable} (503). A legitimate agent retries (its retry is signed anew); a flood of
 * signed state-changing requests larger than {@code maxEntries} per window is refused rather than
 * weakening the guarantee.
 *
 * <p>Entries expire at their {@code notAfter} second; they are dropped in per-second buckets, at
 * most once per second, by whichever caller notices the second has changed (no thread of its own),
 * and by a full sweep when the cache is full. Lookups and inserts are lock-free ({@link
 * ConcurrentHashMap#putIfAbsent}); thread-safe.
 */
public final class InMemoryReplayCache implements ReplayCache {

    /** The default bound: 100,000 live keys (about 1,600 state-changing requests a second). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<ReplayKey, Long> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Queue<ReplayKey>> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong purgedUpTo = new AtomicLong(Long.MIN_VALUE);
    private final ReentrantLock purging = new ReentrantLock();

    public InMemoryReplayCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean firstSeen(ReplayKey key, long notAfter) {
        Objects.requireNonNull(key, "key");
        long now = clock.instant().getEpochSecond();
        if (purgedUpTo.get() < now) {
            purge(now, false);
        }
        Long previous = entries.get(key);
        if (previous != null && previous > now) {
            return false;
        }
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            purge(now, true);
            if (size.incrementAndGet() > maxEntries) {
                size.decrementAndGet();
                throw new AAuthException(
                        AAuthError.TEMPORARILY_UNAVAILABLE,
                        "replay cache full (" + maxEntries + " requests in the signature window)");
            }
        }
        for (; ; ) {
            if (previous == null) {
                previous = entries.putIfAbsent(key, notAfter);
                if (previous == null) {
                    break;
                }
            } else if (entries.replace(key, previous, notAfter)) {
                // an expired entry not yet dropped: its counted slot is reused
                size.decrementAndGet();
                break;
            } else {
                previous = entries.get(key);
            }
            if (previous != null && previous > now) {
                size.decrementAndGet();
                return false;
            }
        }
        buckets.computeIfAbsent(notAfter, s -> new ConcurrentLinkedQueue<>()).add(key);
        return true;
    }

    /** Live keys (tests, metrics). */
    public int size() {
        return size.get();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /**
     * Drops the buckets whose second has come; with {@code sweep}, also every expired entry however
     * it got there (a key added to a bucket while it was being dropped).
     */
    private void purge(long now, boolean sweep) {
        if (sweep) {
            purging.lock();
        } else if (!purging.tryLock()) {
            return;
        }
        try {
            for (Long second : buckets.keySet()) {
                if (second <= now) {
                    Queue<ReplayKey> keys = buckets.remove(second);
                    if (keys != null) {
                        for (ReplayKey k : keys) {
                            if (entries.remove(k, second)) {
                                size.decrementAndGet();
                            }
                        }
                    }
                }
            }
            if (sweep) {
                for (Map.Entry<ReplayKey, Long> e : entries.entrySet()) {
                    if (e.getValue() <= now && entries.remove(e.getKey(), e.getValue())) {
                        size.decrementAndGet();
                    }
                }
            }
            purgedUpTo.accumulateAndGet(now, Math::max);
        } finally {
            purging.unlock();
        }
    }
}
