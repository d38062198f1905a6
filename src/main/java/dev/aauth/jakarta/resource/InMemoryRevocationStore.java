package dev.aauth.jakarta.resource;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RevocationStore} in memory, bounded to {@link #MAX_ENTRIES}: when it is full, entries
 * whose token has expired are purged; if it is still full, the revocation fails (a server error the
 * caller sees) rather than being dropped silently. Lost on restart: for tests and tools; a running
 * resource uses {@link DatabaseRevocationStore}.
 */
public class InMemoryRevocationStore implements RevocationStore {

    public static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRevocationStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void revoke(String issuer, String jti, long notAfter) {
        if (revoked.size() >= MAX_ENTRIES) {
            long now = clock.instant().getEpochSecond();
            revoked.values().removeIf(exp -> exp <= now);
            if (revoked.size() >= MAX_ENTRIES) {
                throw new IllegalStateException("revocation store full");
            }
        }
        revoked.merge(key(issuer, jti), notAfter, Math::max);
    }

    @Override
    public boolean isRevoked(String issuer, String jti) {
        return revoked.containsKey(key(issuer, jti));
    }

    private static String key(String issuer, String jti) {
        return issuer + ' ' + jti;
    }
}
