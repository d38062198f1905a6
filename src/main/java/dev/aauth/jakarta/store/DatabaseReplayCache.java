package dev.aauth.jakarta.store;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.profile.ReplayCache;
import dev.aauth.profile.ReplayKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The replay cache of the Person Server's and Agent Provider's endpoints, in the database (table
 * {@code replay_cache}, migration V7), so every instance on the database shares it: a signed
 * request replayed to another instance is refused there too (issue 12, reliability scenario 9).
 *
 * <ul>
 *   <li>Insert-if-absent is one atomic statement, {@code INSERT ... ON CONFLICT DO NOTHING} on the
 *       primary key (H2 in PostgreSQL mode and PostgreSQL): of two instances inserting one key at
 *       once, exactly one inserts a row. It runs in a transaction of its own ({@link
 *       Transactions#requiresNew}), committed before the endpoint acts, so a request's later
 *       failure or rollback never un-records it. The keys of concurrent requests share that
 *       transaction ({@link GroupCommit}: one commit for many; each request learns whether its own
 *       key was new once the batch is committed): a commit per signed request had cost the Person
 *       Server more CPU than the rest of a direct grant (issue 15, {@code docs/benchmarks.md}). Two
 *       requests with one key in a batch: the first inserts, the second finds it.
 *   <li>Expired rows are deleted by whichever instance inserts first after {@link #PURGE_EVERY}
 *       seconds, {@link #PURGE_GRACE} seconds after their expiry (slack for instances whose clocks
 *       differ). A row left over with the same key is harmless: the same key means the same {@code
 *       created}, which the window check refuses by then.
 *   <li>A database failure is {@code temporarily_unavailable} (503): the request is refused, never
 *       let through unrecorded.
 * </ul>
 */
@ApplicationScoped
public class DatabaseReplayCache implements ReplayCache {

    private static final Logger LOG = Logger.getLogger(DatabaseReplayCache.class.getName());

    /** Seconds between purges of expired rows (per instance). */
    public static final long PURGE_EVERY = 30;

    /** Seconds a row is kept past its expiry. */
    public static final long PURGE_GRACE = 60;

    /** At most this many keys per transaction. */
    static final int MAX_BATCH = 64;

    private final Transactions transactions;
    private final Clock clock;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);
    private final GroupCommit<Insert> inserts;

    @Inject
    public DatabaseReplayCache(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inserts = new GroupCommit<>(this::insertAll, MAX_BATCH);
    }

    /** For the CDI client proxy only. */
    protected DatabaseReplayCache() {
        this.transactions = null;
        this.clock = null;
        this.inserts = null;
    }

    /**
     * One request's key and, once its batch is committed, whether it was new. Written by the
     * batch's leader thread before {@link GroupCommit#write} returns to the owner.
     */
    private static final class Insert {
        final String key;
        final long notAfter;
        volatile boolean inserted;

        Insert(String key, long notAfter) {
            this.key = key;
            this.notAfter = notAfter;
        }
    }

    /** Inserts a batch in one transaction, all or nothing; every key learns whether it was new. */
    private void insertAll(List<Insert> batch) {
        transactions.requiresNew(
                em -> {
                    for (Insert i : batch) {
                        i.inserted =
                                em.createNativeQuery(
                                                        "INSERT INTO replay_cache (replay_key, expires_at) VALUES (?1, ?2)"
                                                                + " ON CONFLICT DO NOTHING")
                                                .setParameter(1, i.key)
                                                .setParameter(2, i.notAfter)
                                                .executeUpdate()
                                        == 1;
                    }
                    return null;
                });
    }

    @Override
    public boolean firstSeen(ReplayKey key, long notAfter) {
        Objects.requireNonNull(key, "key");
        long now = clock.instant().getEpochSecond();
        try {
            long due = nextPurge.get();
            if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY)) {
                purgeExpired(now - PURGE_GRACE);
            }
            Insert mine = new Insert(key.value(), notAfter);
            inserts.write(mine);
            return mine.inserted;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "replay cache unavailable", e);
            throw new AAuthException(
                    AAuthError.TEMPORARILY_UNAVAILABLE, "replay cache unavailable");
        }
    }

    /** Deletes rows that expired before {@code before} (epoch second); returns how many. */
    public int purgeExpired(long before) {
        return transactions.requiresNew(
                em ->
                        em.createNativeQuery("DELETE FROM replay_cache WHERE expires_at < ?1")
                                .setParameter(1, before)
                                .executeUpdate());
    }
}
