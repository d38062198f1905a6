package dev.aauth.jakarta.personserver;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IssuedTokenLog} in memory; expired entries are dropped when the log grows past a bound. */
public final class InMemoryIssuedTokenLog implements IssuedTokenLog {

    public static final int PRUNE_THRESHOLD = 100_000;

    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
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
}
