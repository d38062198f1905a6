package dev.aauth.token;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens that passed full verification, keyed by their compact form, kept until they expire.
 *
 * <p>The Signature-Key draft allows it ("jwt: Cache embedded keys until JWT expiration") and asks
 * for bounds ("Verifiers SHOULD implement cache limits to prevent resource exhaustion attacks"):
 * the cache holds at most {@code maxEntries} tokens AND at most {@code maxTotalChars} characters of
 * compact tokens (anyone can run an agent provider and mint many large valid tokens, so a count
 * alone does not bound memory). When either bound is reached, expired entries are purged (at most
 * once per {@link #PURGE_INTERVAL_MILLIS}: a purge walks the whole map, and a full cache of live
 * tokens must not cost every request that walk); if it is still reached, new tokens are simply not
 * cached (they are verified every time), so a flood of distinct tokens cannot evict or grow
 * anything. Only checks that do not depend on the request are cached; expiry is checked again on
 * every hit, and revocation is never cached here (callers check the {@code jti} against their
 * revocation records on every request, and may {@link #evict} a revoked token).
 *
 * <p>A cache belongs to one {@link TokenVerifier} configuration: sharing it between verifiers with
 * different {@link dev.aauth.id.SecurityMode}s or key resolvers would let one accept what the other
 * verified.
 */
public final class VerifiedTokenCache {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** About 16 MB of token text; typical AAuth tokens are 0.5–2 KB. */
    public static final long DEFAULT_MAX_TOTAL_CHARS = 16L * 1024 * 1024;

    /** Purges of a full cache happen at most this often. */
    public static final long PURGE_INTERVAL_MILLIS = 1000;

    private final ConcurrentHashMap<String, VerifiedToken> map = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong totalChars = new AtomicLong();
    private final int maxEntries;
    private final long maxTotalChars;
    private final Clock clock;

    public VerifiedTokenCache(int maxEntries, Clock clock) {
        this(maxEntries, DEFAULT_MAX_TOTAL_CHARS, clock);
    }

    public VerifiedTokenCache(int maxEntries, long maxTotalChars, Clock clock) {
        if (maxEntries < 0 || maxTotalChars < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxTotalChars = maxTotalChars;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A cache that remembers nothing (every token is verified in full). */
    public static VerifiedTokenCache disabled(Clock clock) {
        return new VerifiedTokenCache(0, 0, clock);
    }

    VerifiedToken get(String compact) {
        return maxEntries == 0 ? null : map.get(compact);
    }

    void put(VerifiedToken token) {
        if (maxEntries == 0) {
            return;
        }
        int length = token.compact().length();
        if (full(length)) {
            long now = clock.millis();
            long last = lastPurge.get();
            if ((last == Long.MIN_VALUE || now - last >= PURGE_INTERVAL_MILLIS)
                    && lastPurge.compareAndSet(last, now)) {
                purgeExpired();
            }
            if (full(length)) {
                return;
            }
        }
        if (map.putIfAbsent(token.compact(), token) == null) {
            totalChars.addAndGet(length);
        }
    }

    private boolean full(int adding) {
        return map.size() >= maxEntries || totalChars.get() + adding > maxTotalChars;
    }

    /** Drops every entry whose {@code exp} has passed. */
    public void purgeExpired() {
        long now = clock.instant().getEpochSecond();
        for (Map.Entry<String, VerifiedToken> e : map.entrySet()) {
            if (e.getValue().expiresAt() <= now && map.remove(e.getKey(), e.getValue())) {
                totalChars.addAndGet(-e.getKey().length());
            }
        }
    }

    /** Forgets one token, e.g. when it is revoked. */
    public void evict(String compact) {
        if (map.remove(compact) != null) {
            totalChars.addAndGet(-compact.length());
        }
    }

    public int size() {
        return map.size();
    }

    /** Characters of compact tokens currently held. */
    public long totalChars() {
        return totalChars.get();
    }
}
