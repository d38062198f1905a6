package dev.aauth.personserver;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RevokedAgentTokens} in memory, for tests and a single instance. */
public final class InMemoryRevokedAgentTokens implements RevokedAgentTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRevokedAgentTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean revoke(String iss, String jti, Instant until) {
        return revoked.putIfAbsent(key(iss, jti), until) == null;
    }

    @Override
    public boolean isRevoked(String iss, String jti) {
        Instant until = revoked.get(key(iss, jti));
        return until != null && clock.instant().isBefore(until);
    }

    private static String key(String iss, String jti) {
        return iss + '\n' + jti;
    }
}
