package dev.aauth.profile;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an agent identifier): {@code permits} requests per {@code period},
 * refilled continuously, bursts up to {@code permits}. In this instance's memory; thread-safe.
 *
 * <p>Bounded: at most {@code maxKeys} buckets. When full, buckets that have refilled completely
 * (equivalent to no bucket) are dropped; if it is still full, a new key is refused for one second
 * ({@code 429}) rather than let through untracked.
 */
public final class RateLimiter {

    private final double permits;
    private final double perMilli;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int permits, Duration period, int maxKeys, Clock clock) {
        if (permits < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("permits, period and maxKeys must be positive");
        }
        this.permits = permits;
        this.perMilli = permits / (double) period.toMillis();
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes one permit of {@code key}.
     *
     * @throws AAuthException {@code error} (a 429 code) with {@code Retry-After}: the seconds until
     *     a permit is available
     */
    public void acquire(String key, AAuthError error) {
        long wait = tryAcquire(key);
        if (wait > 0) {
            throw AAuthException.retryAfter(
                    error, "too many requests: retry after " + wait + " s", wait);
        }
    }

    /** 0 when a permit was taken, else the whole seconds (at least 1) until one is available. */
    public long tryAcquire(String key) {
        long now = clock.millis();
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys) {
                dropFull(now);
                if (buckets.size() >= maxKeys) {
                    return 1;
                }
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket(permits, now));
        }
        synchronized (b) {
            b.tokens = Math.min(permits, b.tokens + Math.max(0, now - b.at) * perMilli);
            b.at = Math.max(b.at, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perMilli / 1000));
        }
    }

    /**
     * 0 when {@code key} has a permit (none is taken), else the whole seconds until it has one: for
     * limits that count only failures, checked before the attempt and charged after it.
     */
    public long waitFor(String key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (b) {
            double tokens = Math.min(permits, b.tokens + Math.max(0, now - b.at) * perMilli);
            return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
        }
    }

    private void dropFull(long now) {
        buckets.entrySet()
                .removeIf(
                        e -> {
                            Bucket b = e.getValue();
                            synchronized (b) {
                                return b.tokens + Math.max(0, now - b.at) * perMilli >= permits;
                            }
                        });
    }

    /** Tracked keys (tests). */
    public int size() {
        return buckets.size();
    }
}
