package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.it.EnrolledDeferred.defer;
import static dev.aauth.jakarta.it.EnrolledDeferred.send;
import static dev.aauth.jakarta.it.EnrolledDeferred.waiting;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledDeferred;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code Prefer: wait=N} on polls over HTTP ("EnrolledDeferred Responses": "The Prefer: wait=N
 * header MAY be included on polling requests to signal the agent's willingness to wait for a
 * long-poll response"). The person's side goes through the server's database ({@link ItStore}), as
 * the consent pages do; a waiting test waits only for a condition, with a deadline, or for the
 * Retry-After the server gave.
 */
class LongPollIT {

    /**
     * Opens the test JVM's own database connection first: opening it takes seconds on a busy
     * machine, longer than the Retry-After in which the held poll's admission must be seen.
     */
    @BeforeAll
    static void openTheStore() {
        ItStore.get().persons.findByUsername("alice");
    }

    static ItRequests.Req poll(EnrolledDeferred d, int waitSeconds) {
        return new ItRequests.Req("GET", d.location())
                .header("prefer", "wait=" + waitSeconds)
                .sign(d.agent().key(), d.agent().jwt());
    }

    /** Waits until {@code condition} holds, checking every 50 ms, at most {@code deadline}. */
    static void await(String what, Duration deadline, Supplier<Boolean> condition)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    static Optional<Instant> lastPolled(EnrolledDeferred d) {
        return ItStore.get().request(d.location()).lastPolledAt();
    }

    /**
     * The first poll is allowed Retry-After (5 s) after the 202: the agent MUST respect
     * Retry-After.
     */
    static void waitFirstRetryAfter() throws InterruptedException {
        Thread.sleep(5_100);
    }

    @Test
    @DisplayName(
            "Prefer: wait=2 with nothing changing: held until the wait is over, then 202 with Retry-After counted from the admission; the next poll after it is admitted")
    void heldUntilTheWaitIsOver() throws Exception {
        EnrolledDeferred d = defer();
        waitFirstRetryAfter();
        long start = System.nanoTime();
        HttpResponse<String> r = poll(d, 2).send();
        long heldMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("pending", waiting(r, d).get("status"));
        assertTrue(heldMillis >= 2_000 && heldMillis < 6_000, "held " + heldMillis + " ms");
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(
                retryAfter >= 2 && retryAfter <= 3,
                "5 s after the admission, " + heldMillis + " ms ago: " + retryAfter);

        Thread.sleep(retryAfter * 1000 + 100);
        HttpResponse<String> next = send("GET", d.location(), d.agent(), null);
        assertEquals(
                202,
                next.statusCode(),
                "an agent respecting Retry-After is never told slow_down: " + next.body());
    }

    @Test
    @DisplayName(
            "Prefer: wait=25: answered as soon as the state changes (interacting, then approved: 200 with the token), a second poll meanwhile is 429 slow_down")
    void answeredAsSoonAsTheStateChanges() throws Exception {
        EnrolledDeferred d = defer();
        waitFirstRetryAfter();
        CompletableFuture<HttpResponse<String>> held = poll(d, 25).sendAsync();
        await("the held poll is admitted", Duration.ofSeconds(10), () -> lastPolled(d).isPresent());
        assertTokenError(send("GET", d.location(), d.agent(), null), 429, "slow_down");
        assertFalse(held.isDone(), "still held");

        Person person = ItStore.get().newPerson("Lea Poll", "lea@example.test");
        long changed = System.nanoTime();
        assertTrue(ItStore.get().redeem(d.code(), person));
        HttpResponse<String> interacting = held.get(15, TimeUnit.SECONDS);
        long afterChange = (System.nanoTime() - changed) / 1_000_000;
        assertEquals("interacting", waiting(interacting, d).get("status"));
        assertTrue(
                afterChange < 10_000,
                "answered " + afterChange + " ms after the change, not at the 25 s bound");

        Instant first = lastPolled(d).orElseThrow();
        Thread.sleep(
                Long.parseLong(interacting.headers().firstValue("Retry-After").orElseThrow()) * 1000
                        + 100);
        CompletableFuture<HttpResponse<String>> second = poll(d, 25).sendAsync();
        await(
                "the second held poll is admitted",
                Duration.ofSeconds(10),
                () -> lastPolled(d).filter(t -> t.isAfter(first)).isPresent());
        PendingRequest request = ItStore.get().request(d.location());
        assertTrue(
                ItStore.get().pending.approve(request.id(), person.id(), "approved in LongPollIT"));
        HttpResponse<String> token = second.get(15, TimeUnit.SECONDS);
        assertTrue(granted(token).split("\\.").length == 3);
        assertTokenError(send("GET", d.location(), d.agent(), null), 410, "invalid_code");
    }
}
