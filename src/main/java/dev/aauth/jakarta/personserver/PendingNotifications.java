package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.PendingRequestChanges;
import dev.aauth.jakarta.store.StoreMigration;
import dev.aauth.personserver.InProcessPendingWakeups;
import dev.aauth.personserver.PendingWakeups;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Wakes the held polls of a pending request when it changes (issue 15), on this instance at once
 * and on every other through PostgreSQL: {@link PendingRequestChanges} for the store's transitions,
 * which are all the changes a waiting agent could see.
 *
 * <ul>
 *   <li>inside the transition's transaction, on PostgreSQL, {@code SELECT pg_notify('}{@value
 *       #CHANNEL}{@code ', id)}: the database delivers it to every listening instance (this one
 *       too) if and only if the transaction commits ({@link PendingListener} receives them);
 *   <li>after the transition, {@link PendingWakeups#publish} on this instance (H2: the only
 *       wake-up).
 * </ul>
 */
@ApplicationScoped
public class PendingNotifications implements PendingRequestChanges {

    /** The {@code LISTEN}/{@code NOTIFY} channel; the payload is the pending request id. */
    public static final String CHANNEL = "aauth_pending";

    @Resource(lookup = StoreMigration.DATA_SOURCE)
    DataSource dataSource;

    private final InProcessPendingWakeups wakeups = new InProcessPendingWakeups();

    /** Whether the database is PostgreSQL; null until known. */
    private volatile Boolean postgres;

    /** This instance's wake-ups. */
    public InProcessPendingWakeups wakeups() {
        return wakeups;
    }

    @Override
    public void inTransaction(EntityManager em, String id) {
        if (isPostgres(em)) {
            em.createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, CHANNEL)
                    .setParameter(2, id)
                    .getResultList();
        }
    }

    @Override
    public void committed(String id) {
        wakeups.publish(id);
    }

    /** Whether the store is on PostgreSQL, asked of the transaction's own connection. */
    private boolean isPostgres(EntityManager em) {
        Boolean known = postgres;
        if (known == null) {
            try {
                known =
                        "PostgreSQL"
                                .equals(
                                        em.unwrap(Connection.class)
                                                .getMetaData()
                                                .getDatabaseProductName());
                postgres = known;
            } catch (SQLException | RuntimeException e) {
                return false; // not known: held polls still have their safety re-check
            }
        }
        return known;
    }

    /**
     * Whether the store is on PostgreSQL (asked once, when first known). Opens a connection: call
     * it outside a transaction.
     */
    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
                postgres = known;
            } catch (SQLException e) {
                return false; // not known yet: held polls still have their safety re-check
            }
        }
        return known;
    }
}
