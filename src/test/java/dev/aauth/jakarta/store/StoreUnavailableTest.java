package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, reliability scenario 4: "PostgreSQL unreachable ...: {@code 503} with {@code
 * Retry-After}, not {@code 500}". Which store failures are the database being unreachable (the
 * SQLStates of a lost or refused connection, JDBC's connection exception types, however wrapped),
 * and that nothing else is.
 */
class StoreUnavailableTest {

    /**
     * EclipseLink's shape: a PersistenceException around a DatabaseException around the driver's.
     */
    static RuntimeException wrapped(Throwable driver) {
        return new PersistenceException(
                "Exception [EclipseLink-4002]", new RuntimeException("DatabaseException", driver));
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(
            strings = {
                "08001", "08003", "08006", "08S01", "57P01", "57P02", "57P03", "53300", "55000"
            })
    @DisplayName(
            "A connection SQLState (class 08, 57P01-57P03, too_many_connections, PostgreSQL's 'not currently accepting connections') under the JPA wrappers is unavailability")
    void connectionStatesAreUnavailable(String state) {
        assertTrue(StoreUnavailable.isUnavailable(wrapped(new SQLException("lost", state))));
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"23505", "23503", "42P01", "40001", "22001", "57014"})
    @DisplayName(
            "Negative: a constraint violation, a missing table, a serialization failure, a too-long value, a cancelled statement are not unavailability (they stay 500s, or what their callers make of them)")
    void otherStatesAreNot(String state) {
        assertFalse(StoreUnavailable.isUnavailable(wrapped(new SQLException("bad", state))));
        assertFalse(
                StoreUnavailable.isUnavailable(
                        wrapped(new SQLIntegrityConstraintViolationException("dup", state))));
    }

    @Test
    @DisplayName("No SQLState at all, or no SQL exception at all: not unavailability")
    void noStateIsNot() {
        assertFalse(StoreUnavailable.isUnavailable(wrapped(new SQLException("no state"))));
        assertFalse(StoreUnavailable.isUnavailable(new IllegalStateException("bug")));
        assertFalse(StoreUnavailable.isUnavailable(null));
    }

    @Test
    @DisplayName(
            "JDBC's connection exception types are unavailability whatever their state (a pool's wait timing out)")
    void connectionExceptionTypes() {
        assertTrue(
                StoreUnavailable.isUnavailable(
                        wrapped(new SQLTransientConnectionException("pool wait timed out"))));
    }

    @Test
    @DisplayName(
            "A failed commit under @Transactional (TransactionalException, RollbackException) and a chained SQLException.getNextException() are looked through")
    void commitFailureAndNextException() {
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new SQLException("terminating connection", "57P01"));
        assertTrue(StoreUnavailable.isUnavailable(new TransactionalException("commit", rollback)));

        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("connection closed", "08003"));
        assertTrue(StoreUnavailable.isUnavailable(wrapped(batch)));
    }

    @Test
    @DisplayName("A cause chain that loops ends the walk (no stack overflow, no hang)")
    void loopingCauses() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(StoreUnavailable.isUnavailable(a));
    }

    @Test
    @DisplayName(
            "translate: unavailability becomes 503 temporarily_unavailable with the configured Retry-After; any other failure is rethrown as it was")
    void translate() {
        RuntimeException lost = wrapped(new SQLException("gone", "08006"));
        AAuthException e =
                assertInstanceOf(AAuthException.class, StoreUnavailable.translate(lost, 7));
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(503, e.status());
        assertEquals(7, e.retryAfter());
        assertFalse(e.detail().contains("08006"), "the detail names no database internals");

        RuntimeException bug = wrapped(new SQLException("dup", "23505"));
        assertSame(bug, StoreUnavailable.translate(bug, 7));
        AAuthException protocol = new AAuthException(AAuthError.INVALID_REQUEST, "x");
        assertSame(protocol, StoreUnavailable.translate(protocol, 7));
    }
}
