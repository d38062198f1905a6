package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.StoreMigration;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This instance's {@code LISTEN} on {@value PendingNotifications#CHANNEL} (PostgreSQL only, issue
 * 15): one connection of the data source, unwrapped to pgjdbc's {@link PGConnection} (portable JDBC
 * {@code unwrap}: the application must see the driver's classes, which Liberty's {@code classloader
 * commonLibraryRef} and Payara's domain library give), held by one thread of the container's {@link
 * ManagedThreadFactory} that waits in {@link PGConnection#getNotifications(int)} and relays each
 * notification's id to this instance's held polls.
 *
 * <p>When the connection fails (database outage, restart) the thread reconnects with a backoff (0.5
 * s doubling to 10 s); meanwhile the held polls' safety re-check answers every poll, and after a
 * reconnection the re-check runs at once for what was missed. A connection that stays quiet is
 * probed every {@value #PROBE_SECONDS} s so that a dead one is found. Not started on H2 nor when
 * the driver's classes cannot be seen (a warning; held polls then rely on in-process wake-ups and
 * the re-check).
 */
@ApplicationScoped
public class PendingListener {

    private static final Logger LOG = Logger.getLogger(PendingListener.class.getName());

    static final int PROBE_SECONDS = 10;

    /** The probe of a quiet connection, named so that an operator sees what the session is. */
    static final String PROBE = "SELECT 1 AS aauth_pending_listener";

    private static final long MAX_BACKOFF_MILLIS = 10_000;

    @Resource(lookup = StoreMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject PendingNotifications notifications;

    private Thread thread;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Runnable afterConnect = () -> {};

    /**
     * Starts listening once, if the store is PostgreSQL; {@code afterConnect} runs after every
     * (re)connection. False when not started (H2, or the driver is not visible).
     */
    public synchronized boolean start(Runnable afterConnect) {
        if (thread != null) {
            return true;
        }
        if (!notifications.isPostgres()) {
            return false;
        }
        this.afterConnect = afterConnect;
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("aauth-pending-listener");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Whether the {@code LISTEN} connection is up now. */
    public boolean listening() {
        return listening;
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long backoff = 500;
        boolean warned = false;
        while (running) {
            boolean[] connected = {false};
            try {
                listen(connected);
            } catch (LinkageError e) {
                LOG.log(
                        Level.WARNING,
                        "held polls: the PostgreSQL driver's classes are not visible to the application; "
                                + "no LISTEN, polls on other instances are woken by the safety re-check",
                        e);
                running = false;
                return;
            } catch (SQLException | RuntimeException e) {
                if (connected[0]) {
                    warned = false;
                    backoff = 500;
                }
                if (!warned) {
                    LOG.log(
                            Level.WARNING,
                            "held polls: LISTEN connection lost or refused, reconnecting"
                                    + " (safety re-check meanwhile): "
                                    + e);
                    warned = true;
                }
            }
            listening = false;
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void listen(boolean[] connected) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + PendingNotifications.CHANNEL);
            }
            listening = true;
            connected[0] = true;
            LOG.info("held polls: listening on " + PendingNotifications.CHANNEL);
            try {
                afterConnect.run();
                long probed = System.nanoTime();
                while (running) {
                    PGNotification[] received = pg.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification n : received) {
                            if (PendingNotifications.CHANNEL.equals(n.getName())) {
                                notifications.wakeups().publish(n.getParameter());
                            }
                        }
                    }
                    if (System.nanoTime() - probed > PROBE_SECONDS * 1_000_000_000L) {
                        try (Statement s = c.createStatement()) {
                            s.execute(PROBE);
                        }
                        probed = System.nanoTime();
                    }
                }
            } finally {
                listening = false;
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *"); // the connection goes back to the pool
                } catch (SQLException e) {
                    // broken: the pool discards it
                }
            }
        }
    }
}
