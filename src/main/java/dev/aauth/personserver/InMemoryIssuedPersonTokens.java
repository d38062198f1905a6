package dev.aauth.personserver;

import dev.aauth.token.PersonTokenRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link IssuedPersonTokens} in memory; records past their retention are purged when the map grows
 * past {@link #PRUNE_THRESHOLD}, and on {@link #purgeExpired}.
 */
public final class InMemoryIssuedPersonTokens implements IssuedPersonTokens {

    public static final int PRUNE_THRESHOLD = 100_000;

    private final Map<String, PersonTokenRecord> records = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryIssuedPersonTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(PersonTokenRecord token) {
        if (records.size() >= PRUNE_THRESHOLD) {
            purgeExpired(clock.instant().getEpochSecond());
        }
        if (records.putIfAbsent(token.jti(), token) != null) {
            throw new IllegalStateException("a person token with this jti is already recorded");
        }
    }

    @Override
    public Optional<PersonTokenRecord> find(String jti) {
        return jti == null ? Optional.empty() : Optional.ofNullable(records.get(jti));
    }

    @Override
    public int purgeExpired(long now) {
        long before = now - RETENTION.toSeconds();
        int[] n = {0};
        records.values()
                .removeIf(
                        r -> {
                            boolean old = r.expiresAt() < before;
                            if (old) {
                                n[0]++;
                            }
                            return old;
                        });
        return n[0];
    }
}
