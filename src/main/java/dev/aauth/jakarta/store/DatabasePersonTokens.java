package dev.aauth.jakarta.store;

import dev.aauth.personserver.IssuedPersonTokens;
import dev.aauth.token.PersonTokenRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The person tokens this Person Server issued (draft -11), in the database (table {@code
 * person_tokens}, migration V9), so every instance on the database answers {@code presented_jti}
 * alike: the {@link IssuedPersonTokens} port.
 *
 * <ul>
 *   <li>A record is written in its own transaction before the token is handed out, that transaction
 *       shared with the records of concurrent requests ({@link GroupCommit}: one commit for many,
 *       each request answered only once its own record is committed); a {@code jti} used before is
 *       refused by the primary key (its batch is then written again record by record, so only that
 *       request fails).
 *   <li>{@link #find} is one read with no transaction of its own ({@link Transactions#reading}).
 *   <li>Records whose {@code exp} lies more than {@link IssuedPersonTokens#RETENTION} in the past
 *       are deleted by whichever instance records first after {@link #PURGE_EVERY} seconds (and by
 *       {@link #purgeExpired}): never earlier, so a resource token naming a person token that was
 *       valid when it was issued still finds its record.
 * </ul>
 */
@ApplicationScoped
public class DatabasePersonTokens implements IssuedPersonTokens {

    /** Seconds between purges of records past their retention (per instance). */
    public static final long PURGE_EVERY = 60;

    private final Transactions transactions;
    private final Clock clock;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

    /** At most this many records per transaction. */
    static final int MAX_BATCH = 64;

    private final GroupCommit<PersonTokenRecord> records;

    @Inject
    public DatabasePersonTokens(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.records = new GroupCommit<>(this::insertAll, MAX_BATCH);
    }

    /** For the CDI client proxy only. */
    protected DatabasePersonTokens() {
        this.transactions = null;
        this.clock = null;
        this.records = null;
    }

    @Override
    public void record(PersonTokenRecord token) {
        long now = clock.instant().getEpochSecond();
        long due = nextPurge.get();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY)) {
            purgeExpired(now);
        }
        records.write(token);
    }

    /** Inserts a batch of records in one transaction, all or nothing. */
    private void insertAll(List<PersonTokenRecord> batch) {
        transactions.requiresNew(
                em -> {
                    for (PersonTokenRecord token : batch) {
                        em.createNativeQuery(
                                        "INSERT INTO person_tokens"
                                                + " (jti, ps, sub, mission_s256, tenant, expires_at)"
                                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                                .setParameter(1, token.jti())
                                .setParameter(2, token.ps())
                                .setParameter(3, token.subject())
                                .setParameter(4, token.missionS256())
                                .setParameter(5, token.tenant())
                                .setParameter(6, token.expiresAt())
                                .executeUpdate();
                    }
                    return null;
                });
    }

    @Override
    public Optional<PersonTokenRecord> find(String jti) {
        if (jti == null) {
            return Optional.empty();
        }
        List<?> rows =
                transactions.reading(
                        em ->
                                em.createNativeQuery(
                                                "SELECT jti, ps, sub, mission_s256, tenant,"
                                                        + " expires_at FROM person_tokens"
                                                        + " WHERE jti = ?1")
                                        .setParameter(1, jti)
                                        .getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(
                new PersonTokenRecord(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        ((Number) r[5]).longValue()));
    }

    @Override
    public int purgeExpired(long now) {
        long before = now - RETENTION.toSeconds();
        return transactions.requiresNew(
                em ->
                        em.createNativeQuery("DELETE FROM person_tokens WHERE expires_at < ?1")
                                .setParameter(1, before)
                                .executeUpdate());
    }
}
