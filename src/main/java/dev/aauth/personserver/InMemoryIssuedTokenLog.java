package dev.aauth.personserver;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link IssuedTokenLog} in memory; expired entries are dropped when the log grows past a bound.
 */
public final class InMemoryIssuedTokenLog implements IssuedTokenLog {

    public static final int PRUNE_THRESHOLD = 100_000;

    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public InMemoryIssuedTokenLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(IssuedToken token) {
        if (tokens.size() >= PRUNE_THRESHOLD) {
            long now = clock.instant().getEpochSecond();
            tokens.values().removeIf(t -> t.expiresAt() <= now);
        }
        tokens.put(token.jti(), token);
    }

    @Override
    public Optional<IssuedToken> find(String jti) {
        return Optional.ofNullable(tokens.get(jti));
    }

    /** Marks a recorded token revoked. */
    public void revoke(String jti) {
        if (tokens.containsKey(jti)) {
            revoked.add(jti);
        }
    }

    @Override
    public boolean isRevoked(String jti) {
        return revoked.contains(jti);
    }
}
