package dev.aauth.token;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens that passed full verification, keyed by their compact form, kept until they expire.
 *
 * <p>The Signature-Key draft allows it ("jwt: Cache embedded keys until JWT expiration") and asks
 * for bounds ("Verifiers SHOULD implement cache limits to prevent resource exhaustion attacks"):
 * when the cache is full, expired entries are purged; if it is still full, new tokens are simply
 * not cached (they are verified every time), so a flood of distinct tokens cannot evict or grow
 * anything. Only checks that do not depend on the request are cached; expiry is checked again on
 * every hit, and revocation is never cached here.
 */
public final class VerifiedTokenCache {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, VerifiedToken> map = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;

    public VerifiedTokenCache(int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries < 0");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** A cache that remembers nothing (every token is verified in full). */
    public static VerifiedTokenCache disabled(Clock clock) {
        return new VerifiedTokenCache(0, clock);
    }

    VerifiedToken get(String compact) {
        return maxEntries == 0 ? null : map.get(compact);
    }

    void put(VerifiedToken token) {
        if (maxEntries == 0) {
            return;
        }
        if (map.size() >= maxEntries) {
            purgeExpired();
            if (map.size() >= maxEntries) {
                return;
            }
        }
        map.put(token.compact(), token);
    }

    /** Drops every entry whose {@code exp} has passed. */
    public void purgeExpired() {
        long now = clock.instant().getEpochSecond();
        map.values().removeIf(t -> t.expiresAt() <= now);
    }

    /** Forgets one token, e.g. when it is revoked. */
    public void evict(String compact) {
        map.remove(compact);
    }

    public int size() {
        return map.size();
    }
}
