package dev.aauth.jakarta.store;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells a database that cannot be reached from any other failure, and turns it into the core's
 * {@code 503 temporarily_unavailable} with {@code Retry-After} (issue 12, reliability scenario 4:
 * "PostgreSQL unreachable ...: {@code 503} with {@code Retry-After}, not {@code 500}"). RFC 9110,
 * 503: "the server is currently unable to handle the request due to a temporary overload or
 * scheduled maintenance, which will likely be alleviated after some delay. The server MAY send a
 * Retry-After header field".
 *
 * <p>The database is unreachable when the cause chain of the failure (through the persistence
 * provider's and the transaction manager's wrappers, and {@link SQLException#getNextException()})
 * holds
 *
 * <ul>
 *   <li>an {@link SQLException} whose SQLState is of class {@code 08} (connection exception),
 *       {@code 57P01} ({@code admin_shutdown}: the backend was terminated), {@code 57P02} ({@code
 *       crash_shutdown}), {@code 57P03} ({@code cannot_connect_now}: starting or shutting down),
 *       {@code 53300} ({@code too_many_connections}) or {@code 55000} (PostgreSQL's answer to a
 *       connection to a database that is "not currently accepting connections");
 *   <li>or one of JDBC's connection exception types ({@link SQLTransientConnectionException}, e.g.
 *       a connection pool's wait timing out, {@link SQLNonTransientConnectionException}, {@link
 *       SQLRecoverableException}).
 * </ul>
 *
 * Anything else (a constraint violation, a bad query) stays what it was: a {@code 500}, logged.
 * Nothing is retried here: the transaction was rolled back, and the caller (the agent, the person's
 * browser) retries after {@code Retry-After}; no half-written state stays behind.
 */
public final class StoreUnavailable {

    /** The detail of the {@code 503}; says nothing about the database. */
    public static final String DETAIL = "the service is temporarily unavailable; retry later";

    private static final Logger LOG = Logger.getLogger(StoreUnavailable.class.getName());

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "55000");

    private static final int MAX_DEPTH = 32;

    private StoreUnavailable() {}

    /** Whether {@code failure} says the database cannot be reached (see the class comment). */
    public static boolean isUnavailable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return walk(failure, seen, 0);
    }

    private static boolean walk(Throwable t, Set<Throwable> seen, int depth) {
        for (; t != null && depth < MAX_DEPTH && seen.add(t); t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (unavailableState(sql.getSQLState())) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != t.getCause() && walk(next, seen, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || STATES.contains(state));
    }

    /**
     * {@code failure} as the caller should see it: {@code 503 temporarily_unavailable} with {@code
     * Retry-After: retryAfterSeconds} (logged once, without the stack) when the database is
     * unreachable, otherwise {@code failure} itself.
     */
    public static RuntimeException translate(RuntimeException failure, long retryAfterSeconds) {
        if (failure instanceof AAuthException || !isUnavailable(failure)) {
            return failure;
        }
        LOG.log(Level.WARNING, "database unavailable: {0}", String.valueOf(failure));
        return AAuthException.retryAfter(
                AAuthError.TEMPORARILY_UNAVAILABLE, DETAIL, retryAfterSeconds);
    }
}
