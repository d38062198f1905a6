package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link DeferredResponsesContract} over the core's in-memory ports: no container, no database. The
 * person's side is made on {@link InMemoryPendingRequests}.
 */
class DeferredResponsesTest extends DeferredResponsesContract {

    InMemoryPendingRequests pending;
    InMemoryPersonIds persons;

    @Override
    protected void open() {
        pending = new InMemoryPendingRequests(clock);
        persons = new InMemoryPersonIds();
    }

    @Override
    protected PendingRequestStore pending() {
        return pending;
    }

    @Override
    protected PersonIds persons() {
        return persons;
    }

    @Override
    protected boolean redeem(String code, String personId) {
        return pending.redeemCode(code, personId).isPresent();
    }

    @Override
    protected boolean approve(String id, String personId) {
        return pending.approve(id, personId);
    }

    @Override
    protected boolean deny(String id, String personId) {
        return pending.deny(id, personId);
    }

    @Override
    protected boolean abandon(String id, String personId) {
        return pending.abandon(id, personId);
    }

    @Override
    protected boolean askClarification(String id, String personId, String question) {
        return pending.askClarification(id, personId, question);
    }

    @Override
    protected Optional<String> redeemedJti(String id) {
        return pending.redeemedToken(id).map(PendingRequestStore.RedeemedToken::jti);
    }

    @Test
    @DisplayName(
            "issue 12 scenario 5: one agent's deferred requests are counted and created one at a time; one that cannot take its turn within the stripe wait is 429 slow_down with Retry-After, not queued")
    void aBurstOfOneAgentIsToldToSlowDownNotQueued() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PersonIds held =
                new PersonIds() {
                    @Override
                    public String ensure(String username) {
                        inside.countDown();
                        try {
                            assertTrue(release.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return persons.ensure(username);
                    }

                    @Override
                    public Optional<String> usernameOf(String personId) {
                        return persons.usernameOf(personId);
                    }

                    @Override
                    public Optional<Person> find(String personId) {
                        return persons.find(personId);
                    }
                };
        DeferredResponses d =
                new DeferredResponses(
                        pending, held, new DeferredResponses.Settings(LIFETIME, RETRY), clock);
        String a = agent();
        CompletableFuture<TokenResponse.Pending> first =
                CompletableFuture.supplyAsync(() -> defer(d, a, "alice"));
        try {
            assertTrue(inside.await(10, TimeUnit.SECONDS), "the first request holds the stripe");
            AAuthException second = fails(AAuthError.SLOW_DOWN, () -> defer(d, a, "alice"));
            assertEquals(RETRY.toSeconds(), second.retryAfter());
        } finally {
            release.countDown();
        }
        first.get(10, TimeUnit.SECONDS);
        assertEquals(1, pending.countOpen(a), "only the first was stored");
    }

    @Test
    @DisplayName(
            "issue 12 scenario 5: a poll faster than Retry-After is 429 slow_down without a write to the store; once the interval has passed the store admits it again")
    void pollsFasterThanRetryAfterAreRefusedWithoutWritingToTheStore() {
        AtomicInteger admissions = new AtomicInteger();
        PendingRequestStore counting =
                (PendingRequestStore)
                        Proxy.newProxyInstance(
                                PendingRequestStore.class.getClassLoader(),
                                new Class<?>[] {PendingRequestStore.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("admitPoll")
                                            || method.getName().equals("expireIfDue")) {
                                        admissions.incrementAndGet();
                                    }
                                    try {
                                        return method.invoke(pending, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
        DeferredResponses d =
                new DeferredResponses(
                        counting, persons, new DeferredResponses.Settings(LIFETIME, RETRY), clock);
        String a = agent();
        TokenResponse.Pending p = defer(d, a, "alice");
        clock.advance(RETRY);
        assertTrue(d.poll(p.id(), a, "jkt-" + a, mint()) instanceof DeferredResponses.Waiting);
        int afterAdmitted = admissions.get();
        for (int i = 0; i < 50; i++) {
            AAuthException e =
                    fails(AAuthError.SLOW_DOWN, () -> d.poll(p.id(), a, "jkt-" + a, mint()));
            assertEquals(RETRY.toSeconds(), e.retryAfter());
        }
        assertEquals(afterAdmitted, admissions.get(), "refused polls wrote nothing");
        clock.advance(RETRY.minus(Duration.ofMillis(1)));
        fails(AAuthError.SLOW_DOWN, () -> d.poll(p.id(), a, "jkt-" + a, mint()));
        clock.advance(Duration.ofMillis(1));
        assertTrue(d.poll(p.id(), a, "jkt-" + a, mint()) instanceof DeferredResponses.Waiting);
        assertTrue(admissions.get() > afterAdmitted, "the store decides again");
    }

    @Test
    @DisplayName(
            "Once a terminal response is returned, the pending URL MUST return 410 Gone: also for a poll faster than Retry-After")
    void aTerminalAnswerIsGoneEvenForAFastPoll() {
        DeferredResponses d = deferred();
        String a = agent();
        TokenResponse.Pending p = defer(d, a, "alice");
        clock.advance(RETRY);
        assertTrue(d.poll(p.id(), a, "jkt-" + a, mint()) instanceof DeferredResponses.Waiting);
        d.cancel(p.id(), a, "jkt-" + a);
        fails(AAuthError.INVALID_CODE, () -> d.poll(p.id(), a, "jkt-" + a, mint()));
    }
}
