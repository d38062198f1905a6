package dev.aauth.jakarta.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.PendingRequestStore;
import dev.aauth.personserver.PendingRequestView;
import dev.aauth.personserver.TokenRequest;
import dev.aauth.personserver.TokenResponse;
import dev.aauth.testing.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Deferred responses and polling over the store (H2 in PostgreSQL mode). Approval, denial and
 * abandonment are made here through the store, as the consent UI will make them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeferredResponsesTest {

    static final String RESOURCE = "https://resource.example";
    static final Duration RETRY = Duration.ofSeconds(5);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    H2MemoryStore store;
    EntityManagerFactory factory;
    Transactions tx;
    PendingRequests pending;
    Persons persons;
    IssuedTokens tokens;
    DeferredResponses deferred;
    final AtomicInteger minted = new AtomicInteger();

    @BeforeAll
    void open() {
        store = new H2MemoryStore("deferred");
        factory = store.factory;
        tx = new ResourceLocalTransactions(factory);
        pending = new PendingRequests(tx, clock);
        persons = new Persons(tx, clock);
        tokens = new IssuedTokens(tx, clock);
        deferred =
                new DeferredResponses(
                        new StorePendingRequests(pending),
                        new StorePersonIds(persons),
                        new DeferredResponses.Settings(LIFETIME, RETRY),
                        clock);
    }

    @AfterAll
    void close() {
        factory.close();
    }

    static String agent() {
        return "aauth:" + UUID.randomUUID().toString().substring(0, 8) + "@agent.example";
    }

    TokenResponse.Pending defer(String agent, String person) {
        return deferred.defer(
                agent,
                "jkt-" + agent,
                "rt." + agent,
                null,
                RESOURCE,
                List.of("data.write"),
                new TokenRequest("rt." + agent, null, "because", null, null, null, null, null),
                person);
    }

    Function<PendingRequestView, DeferredResponses.Minted> mint() {
        return r -> {
            String jti = "jti-" + minted.incrementAndGet() + "-" + r.id();
            Instant now = clock.instant();
            return new DeferredResponses.Minted(
                    new TokenResponse.Granted("token." + jti, 3600, jti),
                    new PendingRequestStore.RedeemedToken(
                            jti,
                            "https://ps.example",
                            r.agent(),
                            r.resource(),
                            r.personId(),
                            r.scopes(),
                            now,
                            now.plusSeconds(3600)));
        };
    }

    DeferredResponses.PollAnswer poll(TokenResponse.Pending p, String agent) {
        clock.advance(RETRY);
        return deferred.poll(p.id(), agent, "jkt-" + agent, mint());
    }

    static AAuthException fails(AAuthError error, Executable call) {
        try {
            call.execute();
        } catch (AAuthException e) {
            assertEquals(error, e.error(), e.detail());
            return e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("expected " + error);
    }

    String personId(String username) {
        return persons.findByUsername(username).orElseThrow().id();
    }

    @Test
    @DisplayName(
            "Pending URLs MUST be unguessable: the id carries 128 random bits; the code is XXXX-XXXX")
    void pendingUrlsMustBeUnguessable() {
        TokenResponse.Pending p = defer(agent(), "alice");
        assertEquals(16, Base64.getUrlDecoder().decode(p.id()).length);
        assertTrue(p.code().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), p.code());
        assertEquals(5, p.retryAfter());
        assertTrue(InteractionCode.parse(p.code()).flatMap(pending::findByCode).isPresent());
    }

    @Test
    @DisplayName(
            "A 202 response means the request is still pending; status interacting when the user has arrived")
    void pendingThenInteracting() {
        String a = agent();
        TokenResponse.Pending p = defer(a, null);
        assertEquals(new DeferredResponses.Waiting("pending", 5), poll(p, a));
        String bob = persons.create("bob-" + a, null, null).orElseThrow().id();
        assertTrue(
                pending.redeemInteractionCode(InteractionCode.parse(p.code()).orElseThrow(), bob)
                        .won());
        assertEquals(new DeferredResponses.Waiting("interacting", 5), poll(p, a));
    }

    @Test
    @DisplayName(
            "issue 12: open requests are capped per person, over all their agents: one more is 429 slow_down with Retry-After")
    void pendingRequestsCappedPerPerson() {
        DeferredResponses capped =
                new DeferredResponses(
                        new StorePendingRequests(pending),
                        new StorePersonIds(persons),
                        new DeferredResponses.Settings(LIFETIME, RETRY, 100, 2),
                        clock);
        String person = "carol-" + UUID.randomUUID();
        String other = "dave-" + UUID.randomUUID();
        deferWith(capped, agent(), person);
        deferWith(capped, agent(), person);
        AAuthException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        AAuthException.class, () -> deferWith(capped, agent(), person));
        assertEquals(AAuthError.SLOW_DOWN, e.error());
        assertEquals(429, e.error().status());
        assertEquals(RETRY.toSeconds(), e.retryAfter());
        // other persons, and requests whose person is not known yet, are not affected
        deferWith(capped, agent(), other);
        deferWith(capped, agent(), null);
        // once a request of the person ends (expires), the person may have one more
        clock.advance(LIFETIME.plusSeconds(1));
        deferWith(capped, agent(), person);
    }

    TokenResponse.Pending deferWith(DeferredResponses d, String agent, String person) {
        return d.defer(
                agent,
                "jkt-" + agent,
                "rt." + agent,
                null,
                RESOURCE,
                List.of("data.write"),
                new TokenRequest("rt." + agent, null, "because", null, null, null, null, null),
                person);
    }

    @Test
    @DisplayName("slow_down (429): polling too frequently")
    void slowDown() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, "jkt-" + a, mint()));
        assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a));
        fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, "jkt-" + a, mint()));
    }

    @Test
    @DisplayName(
            "Servers MUST verify the agent's identity on every poll: another agent gets the answer for an unknown id")
    void serversMustVerifyTheAgentsIdentityOnEveryPoll() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        AAuthException other = fails(AAuthError.INVALID_CODE, () -> poll(p, agent()));
        AAuthException unknown =
                fails(
                        AAuthError.INVALID_CODE,
                        () -> poll(new TokenResponse.Pending("no-such-id", "", 5), a));
        assertEquals(unknown.detail(), other.detail());
        fails(AAuthError.INVALID_CODE, () -> deferred.cancel(p.id(), agent(), "jkt-x"));
        assertInstanceOf(
                DeferredResponses.Waiting.class, poll(p, a), "the other agent changed nothing");
    }

    @Test
    @DisplayName(
            "approved: 200 with the token exactly once, its jti recorded; then 410 (Once a terminal response is returned, the pending URL MUST return 410 Gone)")
    void approvedAnswersTheTokenOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(pending.approve(p.id(), personId("alice"), "test approves"));
        DeferredResponses.Token t = assertInstanceOf(DeferredResponses.Token.class, poll(p, a));
        assertTrue(tokens.find(t.granted().jti()).isPresent());
        assertEquals(
                t.granted().jti(), pending.find(p.id()).orElseThrow().issuedJti().orElseThrow());
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName("denied (403): User or approver explicitly denied the request; once, then 410")
    void deniedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(pending.deny(p.id(), personId("alice"), "test denies"));
        fails(AAuthError.DENIED, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName(
            "abandoned (403): Interaction code was used but user did not complete; once, then 410")
    void abandonedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(
                pending.redeemInteractionCode(
                                InteractionCode.parse(p.code()).orElseThrow(), personId("alice"))
                        .won());
        assertTrue(pending.abandon(p.id(), personId("alice")));
        fails(AAuthError.ABANDONED, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName("expired (408): Timed out; once, then 410")
    void expiredOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        clock.advance(LIFETIME);
        fails(AAuthError.EXPIRED, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName(
            "peek (long polls): the open state without admitting a poll; empty once decided or timed out")
    void peekShowsTheOpenStateWithoutAdmittingAPoll() {
        String a = agent();
        TokenResponse.Pending p = defer(a, null);
        String jkt = "jkt-" + a;
        assertEquals(
                java.util.Optional.of(new DeferredResponses.Waiting("pending", 5)),
                deferred.peek(p.id(), a, jkt));
        assertEquals(java.util.Optional.empty(), deferred.peek(p.id(), a, "another key"));
        assertEquals(java.util.Optional.empty(), deferred.peek(p.id(), agent(), jkt));
        fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, jkt, mint()));
        String bob = persons.create("bob-" + a, null, null).orElseThrow().id();
        assertTrue(
                pending.redeemInteractionCode(InteractionCode.parse(p.code()).orElseThrow(), bob)
                        .won());
        assertEquals("interacting", deferred.peek(p.id(), a, jkt).orElseThrow().status());
        clock.advance(LIFETIME);
        assertEquals(
                java.util.Optional.empty(),
                deferred.peek(p.id(), a, jkt),
                "time is over: the answer is due");
        fails(AAuthError.ABANDONED, () -> deferred.poll(p.id(), a, jkt, mint()));
    }

    @Test
    @DisplayName("DELETE cancels: Subsequent requests to the pending URL return 410 Gone")
    void deleteCancels() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        deferred.cancel(p.id(), a, "jkt-" + a);
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> deferred.cancel(p.id(), a, "jkt-" + a));
        assertTrue(
                !pending.approve(p.id(), personId("alice"), "too late"),
                "a cancelled request cannot be approved");
    }

    @Test
    @DisplayName(
            "approve, cancel and polls racing on one request produce one outcome and at most one token")
    void racingPollsAndCancelYieldAtMostOneToken() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = agent();
            TokenResponse.Pending p = defer(a, "alice");
            assertTrue(pending.approve(p.id(), personId("alice"), "test approves"));
            clock.advance(RETRY);
            int threads = 8;
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    boolean cancels = i == 0;
                    results.add(
                            pool.submit(
                                    () -> {
                                        go.await();
                                        try {
                                            if (cancels) {
                                                deferred.cancel(p.id(), a, "jkt-" + a);
                                                return "cancelled";
                                            }
                                            return deferred.poll(p.id(), a, "jkt-" + a, mint())
                                                            instanceof DeferredResponses.Token
                                                    ? "token"
                                                    : "waiting";
                                        } catch (AAuthException e) {
                                            return e.error().name();
                                        }
                                    }));
                }
                go.countDown();
                List<String> outcomes = new java.util.ArrayList<>();
                for (var f : results) {
                    outcomes.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
                }
                long tokensHandedOut = outcomes.stream().filter("token"::equals).count();
                long cancelled = outcomes.stream().filter("cancelled"::equals).count();
                assertEquals(1, tokensHandedOut + cancelled, outcomes.toString());
                assertTrue(
                        outcomes.stream()
                                .allMatch(
                                        o ->
                                                List.of(
                                                                "token",
                                                                "cancelled",
                                                                "SLOW_DOWN",
                                                                "INVALID_CODE")
                                                        .contains(o)),
                        outcomes.toString());
                PendingRequest after = pending.find(p.id()).orElseThrow();
                assertEquals(tokensHandedOut == 1, after.issuedJti().isPresent());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
