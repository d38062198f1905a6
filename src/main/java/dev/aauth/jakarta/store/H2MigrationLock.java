package dev.aauth.jakarta.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Serializes schema migrations on one H2 database across applications and processes: a table of one
 * row, {@code aauth_migration.lock}, whose row is held ({@code SELECT ... FOR UPDATE}) for as long
 * as a migration runs, on a connection of its own. Others wait for it, up to {@link #WAIT_MILLIS},
 * then find the schema current.
 *
 * <p>Not a migration itself: it must exist before the first migration runs, and it lives in a
 * schema of its own because Flyway refuses to start on a non-empty schema without a history table.
 * Flyway's {@code clean} leaves it alone (it cleans only the application's schema).
 */
final class H2MigrationLock {

    /** How long a start waits for another instance's migration (H2's lock timeout, per session). */
    static final int WAIT_MILLIS = 300_000;

    private H2MigrationLock() {}

    static <T> T holding(DataSource dataSource, Supplier<T> migration) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            try (Statement s = lock.createStatement()) {
                s.execute("SET LOCK_TIMEOUT " + WAIT_MILLIS);
            }
            createIfAbsent(lock, "CREATE SCHEMA IF NOT EXISTS aauth_migration");
            createIfAbsent(
                    lock, "CREATE TABLE IF NOT EXISTS aauth_migration.lock (id INT PRIMARY KEY)");
            insertTheRow(lock);
            lock.setAutoCommit(false);
            try {
                try (PreparedStatement s =
                        lock.prepareStatement(
                                "SELECT id FROM aauth_migration.lock WHERE id = 1 FOR UPDATE")) {
                    s.executeQuery().close();
                }
                return migration.get();
            } finally {
                lock.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hold the migration lock: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code ddl}, a {@code CREATE ... IF NOT EXISTS}. On H2 that is not atomic: of instances
     * running it at the same moment, one may fail with "object already exists" (seen 3 times in 20
     * races of four); the object then exists, and the statement run again succeeds.
     */
    private static void createIfAbsent(Connection lock, String ddl) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = lock.createStatement()) {
                s.execute(ddl);
                return;
            } catch (SQLException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void insertTheRow(Connection lock) throws SQLException {
        try (PreparedStatement s =
                lock.prepareStatement(
                        "INSERT INTO aauth_migration.lock (id) SELECT 1 WHERE NOT EXISTS"
                                + " (SELECT 1 FROM aauth_migration.lock WHERE id = 1)")) {
            s.executeUpdate();
        } catch (SQLException e) {
            // another instance inserted it between the check and the insert: the row exists
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
