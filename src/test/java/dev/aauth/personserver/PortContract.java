package dev.aauth.personserver;

import dev.aauth.testing.MutableClock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every port contract of the Person Server core shares (issue 16: "The core's unit tests run
 * against in-memory port implementations; the existing store contract tests run the JPA adapters on
 * H2 and PostgreSQL"): one set of rules per port, run against the in-memory implementation (no
 * container, no database) and against the JPA adapter ({@code dev.aauth.jakarta.personserver}: H2
 * in the unit run, PostgreSQL under {@code -Ppostgres}). A subclass opens the implementation on a
 * clock the test moves, and closes what it opened.
 */
public abstract class PortContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** Opens the implementation under test on {@link #clock} (a fresh store for each test). */
    protected abstract void open() throws Exception;

    /** Closes what {@link #open} opened. */
    protected void close() throws Exception {}

    @BeforeEach
    final void openPort() throws Exception {
        open();
    }

    @AfterEach
    final void closePort() throws Exception {
        close();
    }

    /** An agent identifier no other test uses. */
    protected static String agent() {
        return "aauth:" + UUID.randomUUID().toString().substring(0, 8) + "@agent.example";
    }

    /** A username no other test uses. */
    protected static String username() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
