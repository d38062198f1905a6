package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.store.Revocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RevocationStore} of a running resource: revocations are written to the database
 * ({@link Revocations}), so "revoked auth tokens are refused for the rest of their lifetime, across
 * restarts", and read through two bounded in-memory maps so a verified request does not cost a
 * database round trip each time:
 *
 * <ul>
 *   <li>tokens known to be revoked (written here, or found revoked in the database) stay refused
 *       without asking again;
 *   <li>a "not revoked" answer from the database is trusted for {@link #RECHECK}; a revocation made
 *       through another server instance sharing the database is therefore enforced here within that
 *       time, one made through this instance at once.
 * </ul>
 *
 * When a map is full, entries whose token has expired are dropped; if the "not revoked" map is
 * still full it is cleared (costing only extra database reads); the "revoked" map is never cleared.
 */
@ApplicationScoped
public class DatabaseRevocationStore implements RevocationStore {

    /** How long a "not revoked" answer from the database is trusted. */
    public static final Duration RECHECK = Duration.ofSeconds(5);

    static final int MAX_ENTRIES = 100_000;

    private final Revocations database;
    private final Clock clock;

    /** issuer + jti -> epoch second after which the token is expired anyway. */
    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();

    /** issuer + jti -> epoch millisecond until which "not revoked" is trusted. */
    private final ConcurrentHashMap<String, Long> notRevokedUntil = new ConcurrentHashMap<>();

    @Inject
    public DatabaseRevocationStore(Revocations database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected DatabaseRevocationStore() {
        this.database = null;
        this.clock = null;
    }

    @Override
    public void revoke(String issuer, String jti, long notAfter) {
        database.revoke(issuer, jti, Instant.ofEpochSecond(notAfter));
        String key = key(issuer, jti);
        remember(key, notAfter);
        notRevokedUntil.remove(key);
    }

    @Override
    public boolean isRevoked(String issuer, String jti) {
        String key = key(issuer, jti);
        if (revoked.containsKey(key)) {
            return true;
        }
        long now = clock.millis();
        Long until = notRevokedUntil.get(key);
        if (until != null && now < until) {
            return false;
        }
        if (database.isRevoked(issuer, jti)) {
            // the exact expiry is in the database; an auth token lives at most an hour
            remember(key, now / 1000 + RevocationEndpoint.MAX_AUTH_TOKEN_LIFETIME_SECONDS);
            notRevokedUntil.remove(key);
            return true;
        }
        if (notRevokedUntil.size() >= MAX_ENTRIES) {
            notRevokedUntil.values().removeIf(t -> t <= now);
            if (notRevokedUntil.size() >= MAX_ENTRIES) {
                notRevokedUntil.clear();
            }
        }
        notRevokedUntil.put(key, now + RECHECK.toMillis());
        return false;
    }

    private void remember(String key, long notAfter) {
        if (revoked.size() >= MAX_ENTRIES) {
            long nowSeconds = clock.instant().getEpochSecond();
            revoked.values().removeIf(exp -> exp <= nowSeconds);
        }
        // past the bound the database still answers: a revoked token is never forgotten early
        if (revoked.size() < MAX_ENTRIES) {
            revoked.merge(key, notAfter, Math::max);
        }
    }

    private static String key(String issuer, String jti) {
        return issuer + ' ' + jti;
    }
}
