package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "Long polls woken by events, not by polling", over HTTP: a poll held with {@code
 * Prefer: wait=25} answers as soon as the person decides on the real consent pages ({@link
 * PersonOverHttp}), on the same instance (H2 and PostgreSQL: the in-process wake-up) and, under
 * {@code -Ppostgres}, on another instance (the decision's {@code NOTIFY}, received by instance
 * two's {@code LISTEN}). "Well before the safety re-check would" means under {@link #WOKEN} (the
 * re-check's interval, {@code aauth.person-server.wait-safety-interval}, is 5 s) on the same
 * instance; on instance two, whose re-check runs every 300 s, an answer with the decision's outcome
 * before the wait ends can only be the wake-up ({@link #WOKEN_ACROSS}). Waiting is for a condition
 * with a deadline, or the Retry-After the server gave (the agent's duty).
 */
class WokenPollsIT {

    /** A woken poll answers within this of the decision's page answering; the re-check is 5 s. */
    static final Duration WOKEN = Duration.ofMillis(1_500);

    /**
     * On instance two, whose safety re-check runs every 300 s (pom: {@code aauth.ps.wait-safety}),
     * a poll held for 25 s that answers with the decision's outcome before its wait ends was woken
     * by the other instance's {@code NOTIFY}: nothing else re-reads it. The bound only keeps it
     * well inside the wait; it is not a race with the re-check (which a busy machine once lost at
     * 1.5 s).
     */
    static final Duration WOKEN_ACROSS = Duration.ofSeconds(15);

    static StandInIssuers.AgentProvider provider;

    @BeforeAll
    static void provider() {
        provider = StandInIssuers.agentProvider(Map.of("client_name", "Woken Polls Test Agent"));
    }

    /** A signed poll holding for 25 s, sent to the instance at {@code base}. */
    static CompletableFuture<HttpResponse<String>> hold(Deferred d, String base) {
        ItRequests.Req r =
                new ItRequests.Req("GET", d.location())
                        .header("prefer", "wait=25")
                        .sign(d.agent().key(), jwt(d.agent()));
        r.url = base + d.location().substring(PERSON.length());
        return r.sendAsync();
    }

    /** A deferred request the person has opened; its first poll is due (Retry-After waited). */
    record Opened(Deferred deferred, PersonOverHttp.ConsentForm form) {
        static Opened now() throws Exception {
            Deferred d = PersonOverHttp.deferInventory(provider);
            Person person = PersonOverHttp.newPerson("Wanda Woken");
            HttpClient browser = PersonOverHttp.signedIn(person);
            String page = PersonOverHttp.open(browser, d.code());
            PersonOverHttp.ConsentForm form = PersonOverHttp.consentForm(browser, page);
            Thread.sleep(5_100); // the agent MUST respect Retry-After (5 s from the 202)
            return new Opened(d, form);
        }
    }

    /** Waits until the held poll was admitted (recorded in the database), at most 10 s. */
    static void awaitAdmitted(Deferred d) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ItStore.get().request(d.location()).lastPolledAt().isEmpty()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("the held poll was not admitted within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** The person approves; the held poll's answer and how long after the approval it came. */
    static long approveAndTime(Opened o, CompletableFuture<HttpResponse<String>> held)
            throws Exception {
        awaitAdmitted(o.deferred());
        assertFalse(held.isDone(), "held: " + (held.isDone() ? held.get().body() : ""));
        HttpResponse<String> decided = o.form().post("approve");
        long decidedAt = System.nanoTime();
        assertTrue(decided.statusCode() < 400, "approve: " + decided.statusCode());
        HttpResponse<String> token = held.get(30, TimeUnit.SECONDS);
        long after = (System.nanoTime() - decidedAt) / 1_000_000;
        assertEquals(3, granted(token).split("\\.").length, "200 with the auth token");
        assertTokenError(o.deferred().poll(), 410, "invalid_code");
        return after;
    }

    @Test
    @DisplayName(
            "issue 15: the person's approval wakes the poll held on the same instance at once (200 with the token), not at the safety re-check")
    void approvalWakesThePollOnTheSameInstance() throws Exception {
        Opened o = Opened.now();
        long after = approveAndTime(o, hold(o.deferred(), PERSON));
        assertTrue(
                after < WOKEN.toMillis(),
                "answered " + after + " ms after the approval (safety re-check: 5000 ms)");
    }

    @Test
    @DisplayName(
            "issue 15, -Ppostgres: an approval on instance one wakes the poll held on instance two through LISTEN/NOTIFY")
    void approvalOnOneWakesThePollOnTwo() throws Exception {
        PostgresIt.assumePostgres();
        String two = PostgresIt.secondInstance("person");
        Opened o = Opened.now();
        long after = approveAndTime(o, hold(o.deferred(), two));
        assertTrue(
                after < WOKEN_ACROSS.toMillis(),
                "answered on instance two "
                        + after
                        + " ms after the approval on one (its safety re-check: 300 s)");
    }

    @Test
    @DisplayName(
            "issue 15, -Ppostgres: the agent's cancellation (DELETE) on instance one ends its poll held on instance two at once: 410")
    void cancellationOnOneEndsThePollOnTwo() throws Exception {
        PostgresIt.assumePostgres();
        String two = PostgresIt.secondInstance("person");
        Opened o = Opened.now();
        Deferred d = o.deferred();
        CompletableFuture<HttpResponse<String>> held = hold(d, two);
        awaitAdmitted(d);
        HttpResponse<String> cancelled =
                new ItRequests.Req("DELETE", d.location())
                        .sign(d.agent().key(), jwt(d.agent()))
                        .send();
        long cancelledAt = System.nanoTime();
        assertEquals(204, cancelled.statusCode(), cancelled.body());
        HttpResponse<String> gone = held.get(30, TimeUnit.SECONDS);
        long after = (System.nanoTime() - cancelledAt) / 1_000_000;
        assertTokenError(gone, 410, "invalid_code");
        assertTrue(after < WOKEN_ACROSS.toMillis(), "answered " + after + " ms after the DELETE");
    }

    /** The sessions of the database that listen for held polls (their last statement says so). */
    static Set<Integer> listeners(Connection c) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                        + " AND pid <> pg_backend_pid()"
                                        + " AND (query = 'LISTEN aauth_pending' OR query LIKE '%aauth_pending_listener%')")) {
            while (r.next()) {
                pids.add(r.getInt(1));
            }
        }
        return pids;
    }

    @Test
    @DisplayName(
            "issue 15, -Ppostgres: an instance whose LISTEN connection is cut (a database outage) listens again and is woken by the other instance's decisions")
    void theListenerReconnectsAfterAnOutage() throws Exception {
        PostgresIt.assumePostgres();
        String two = PostgresIt.secondInstance("person");
        Opened o = Opened.now();
        CompletableFuture<HttpResponse<String>> held = hold(o.deferred(), two);
        awaitAdmitted(o.deferred()); // instance two listens from its first held poll on
        try (Connection c =
                DriverManager.getConnection(
                        System.getProperty("aauth.test.pg.url"),
                        System.getProperty("aauth.test.pg.user"),
                        System.getProperty("aauth.test.pg.password"))) {
            Set<Integer> before = awaitListeners(c, Set.of());
            try (Statement s = c.createStatement()) {
                for (int pid : before) {
                    s.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
            }
            Set<Integer> after = awaitListeners(c, before);
            assertTrue(after.size() >= 1, "listening again: " + after);
        }
        HttpResponse<String> decided = o.form().post("approve");
        long decidedAt = System.nanoTime();
        assertTrue(decided.statusCode() < 400, "approve: " + decided.statusCode());
        HttpResponse<String> token = held.get(30, TimeUnit.SECONDS);
        long after = (System.nanoTime() - decidedAt) / 1_000_000;
        assertEquals(3, granted(token).split("\\.").length, "200 with the auth token");
        assertTrue(
                after < WOKEN_ACROSS.toMillis(),
                "answered on instance two " + after + " ms after the approval on one, reconnected");
    }

    /** Waits (at most 20 s) until sessions other than {@code old} listen; returns them. */
    static Set<Integer> awaitListeners(Connection c, Set<Integer> old) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Set<Integer> now = listeners(c);
            now.removeAll(old);
            if (!now.isEmpty()) {
                return now;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no session listens on aauth_pending within 20 s");
            }
            Thread.sleep(100);
        }
    }
}
