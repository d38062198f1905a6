package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The deferred-response state machine of the core ("Deferred Responses": the pending URL, its polls
 * and terminal answers), written once and run over the in-memory ports ({@code
 * DeferredResponsesTest} here: no container, no database) and over the JPA adapters ({@code
 * dev.aauth.jakarta.personserver.DeferredResponsesTest}, H2). The person's side (the code, an
 * approval, a denial, a question) is made behind the port, as the consent pages make it.
 */
public abstract class DeferredResponsesContract extends PortContract {

    static final String RESOURCE = "https://resource.example";
    static final Duration RETRY = Duration.ofSeconds(5);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    final AtomicInteger minted = new AtomicInteger();

    /** The store of pending requests under test, opened by {@link #open}. */
    protected abstract PendingRequestStore pending();

    /** The person ids under test, opened by {@link #open}. */
    protected abstract PersonIds persons();

    /** The person arrives at the interaction endpoint with {@code code}: did they take it up? */
    protected abstract boolean redeem(String code, String personId);

    /** The person approves the request. */
    protected abstract boolean approve(String id, String personId);

    /** The person denies the request. */
    protected abstract boolean deny(String id, String personId);

    /** The person leaves the request they took up. */
    protected abstract boolean abandon(String id, String personId);

    /** The person asks the agent a question. */
    protected abstract boolean askClarification(String id, String personId, String question);

    /** The jti of the token recorded as redeemed for the request, if any. */
    protected abstract Optional<String> redeemedJti(String id);

    DeferredResponses deferred(DeferredResponses.Settings settings) {
        return new DeferredResponses(pending(), persons(), settings, clock);
    }

    DeferredResponses deferred() {
        return deferred(new DeferredResponses.Settings(LIFETIME, RETRY));
    }

    TokenResponse.Pending defer(DeferredResponses d, String agent, String person) {
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

    TokenResponse.Pending defer(String agent, String person) {
        return defer(deferred(), agent, person);
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
        return deferred().poll(p.id(), agent, "jkt-" + agent, mint());
    }

    static AAuthException fails(AAuthError error, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(error, e.error(), e.detail());
        return e;
    }

    String personId(String username) {
        return persons().ensure(username);
    }

    @Test
    @DisplayName(
            "Pending URLs MUST be unguessable: the id carries 128 random bits; the code is XXXX-XXXX")
    void pendingUrlsMustBeUnguessable() {
        TokenResponse.Pending p = defer(agent(), "alice");
        TokenResponse.Pending q = defer(agent(), "alice");
        assertEquals(16, Base64.getUrlDecoder().decode(p.id()).length);
        assertTrue(p.code().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), p.code());
        assertFalse(p.id().equals(q.id()), "two requests, two ids");
        assertEquals(5, p.retryAfter());
    }

    @Test
    @DisplayName(
            "A 202 response means the request is still pending; status interacting when the user has arrived")
    void pendingThenInteracting() {
        String a = agent();
        TokenResponse.Pending p = defer(a, null);
        assertEquals(new DeferredResponses.Waiting("pending", 5), poll(p, a));
        assertTrue(redeem(p.code(), personId("bob-" + a)));
        assertEquals(new DeferredResponses.Waiting("interacting", 5), poll(p, a));
    }

    @Test
    @DisplayName(
            "slow_down (429): polling too frequently, with Retry-After the polling interval (issue 12 scenario 5)")
    void slowDown() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        AAuthException first =
                fails(AAuthError.SLOW_DOWN, () -> deferred().poll(p.id(), a, "jkt-" + a, mint()));
        assertEquals(RETRY.toSeconds(), first.retryAfter());
        assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a));
        AAuthException again =
                fails(AAuthError.SLOW_DOWN, () -> deferred().poll(p.id(), a, "jkt-" + a, mint()));
        assertEquals(RETRY.toSeconds(), again.retryAfter());
    }

    @Test
    @DisplayName(
            "Servers MUST verify the agent's identity on every poll: another agent, or another key, gets the answer for an unknown id")
    void serversMustVerifyTheAgentsIdentityOnEveryPoll() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        AAuthException other = fails(AAuthError.INVALID_CODE, () -> poll(p, agent()));
        AAuthException unknown =
                fails(
                        AAuthError.INVALID_CODE,
                        () -> poll(new TokenResponse.Pending("no-such-id", "", 5), a));
        assertEquals(unknown.detail(), other.detail());
        fails(
                AAuthError.INVALID_CODE,
                () -> deferred().poll(p.id(), a, "another key of the agent", mint()));
        fails(AAuthError.INVALID_CODE, () -> deferred().cancel(p.id(), agent(), "jkt-x"));
        assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a), "the others changed nothing");
    }

    @Test
    @DisplayName(
            "approved: 200 with the token exactly once, its jti recorded; then 410 (Once a terminal response is returned, the pending URL MUST return 410 Gone)")
    void approvedAnswersTheTokenOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(approve(p.id(), personId("alice")));
        DeferredResponses.Token t = assertInstanceOf(DeferredResponses.Token.class, poll(p, a));
        assertEquals(Optional.of(t.granted().jti()), redeemedJti(p.id()), "recorded");
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        assertEquals(1, minted.get(), "one token");
    }

    @Test
    @DisplayName("denied (403): User or approver explicitly denied the request; once, then 410")
    void deniedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(deny(p.id(), personId("alice")));
        fails(AAuthError.DENIED, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName(
            "abandoned (403): Interaction code was used but user did not complete; once, then 410")
    void abandonedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(redeem(p.code(), personId("alice")));
        assertTrue(abandon(p.id(), personId("alice")));
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
            "DELETE cancels: Subsequent requests to the pending URL return 410 Gone; an approval after it hands out nothing")
    void deleteCancels() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        deferred().cancel(p.id(), a, "jkt-" + a);
        assertFalse(approve(p.id(), personId("alice")), "a cancelled request cannot be approved");
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> deferred().cancel(p.id(), a, "jkt-" + a));
        assertEquals(0, minted.get());
    }

    @Test
    @DisplayName(
            "Clarification Required: the person's question is shown with its timeout; one clarification_response per question")
    void clarificationOncePerQuestion() {
        String a = agent();
        String jkt = "jkt-" + a;
        TokenResponse.Pending p = defer(a, "alice");
        fails(
                AAuthError.INVALID_REQUEST,
                () -> deferred().answerClarification(p.id(), a, jkt, "no question yet"));
        assertTrue(redeem(p.code(), personId("alice")));
        assertTrue(askClarification(p.id(), personId("alice"), "Why?"));
        DeferredResponses.Waiting asked =
                assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a));
        assertEquals("Why?", asked.clarification());
        assertEquals(LIFETIME.minus(RETRY).toSeconds(), asked.timeout());
        DeferredResponses.Waiting answered =
                deferred().answerClarification(p.id(), a, jkt, "Because.");
        assertFalse(answered.asksClarification());
        fails(
                AAuthError.INVALID_REQUEST,
                () -> deferred().answerClarification(p.id(), a, jkt, "again"));
    }

    @Test
    @DisplayName(
            "issue 12: open requests are capped per agent: one more is 429 slow_down with Retry-After")
    void pendingRequestsCappedPerAgent() {
        DeferredResponses capped =
                deferred(new DeferredResponses.Settings(LIFETIME, RETRY, 2, 100));
        String a = agent();
        defer(capped, a, null);
        defer(capped, a, null);
        AAuthException e = fails(AAuthError.SLOW_DOWN, () -> defer(capped, a, null));
        assertEquals(429, e.error().status());
        assertEquals(RETRY.toSeconds(), e.retryAfter());
        defer(capped, agent(), null);
        clock.advance(LIFETIME.plusSeconds(1));
        defer(capped, a, null);
    }

    @Test
    @DisplayName(
            "issue 12: open requests are capped per person, over all their agents: one more is 429 slow_down with Retry-After")
    void pendingRequestsCappedPerPerson() {
        DeferredResponses capped =
                deferred(new DeferredResponses.Settings(LIFETIME, RETRY, 100, 2));
        String person = "carol-" + UUID.randomUUID();
        defer(capped, agent(), person);
        defer(capped, agent(), person);
        AAuthException e = fails(AAuthError.SLOW_DOWN, () -> defer(capped, agent(), person));
        assertEquals(429, e.error().status());
        assertEquals(RETRY.toSeconds(), e.retryAfter());
        // other persons, and requests whose person is not known yet, are not affected
        defer(capped, agent(), "dave-" + UUID.randomUUID());
        defer(capped, agent(), null);
        // once a request of the person ends (expires), the person may have one more
        clock.advance(LIFETIME.plusSeconds(1));
        defer(capped, agent(), person);
    }

    @Test
    @DisplayName(
            "peek (long polls): the open state without admitting a poll; empty once decided or timed out")
    void peekShowsTheOpenStateWithoutAdmittingAPoll() {
        String a = agent();
        String jkt = "jkt-" + a;
        TokenResponse.Pending p = defer(a, null);
        assertEquals(
                Optional.of(new DeferredResponses.Waiting("pending", 5)),
                deferred().peek(p.id(), a, jkt));
        assertEquals(Optional.empty(), deferred().peek(p.id(), a, "another key"));
        assertEquals(Optional.empty(), deferred().peek(p.id(), agent(), jkt));
        fails(AAuthError.SLOW_DOWN, () -> deferred().poll(p.id(), a, jkt, mint()));
        assertTrue(redeem(p.code(), personId("bob-" + a)));
        assertEquals("interacting", deferred().peek(p.id(), a, jkt).orElseThrow().status());
        clock.advance(LIFETIME);
        assertEquals(
                Optional.empty(),
                deferred().peek(p.id(), a, jkt),
                "time is over: the answer is due");
        fails(AAuthError.ABANDONED, () -> deferred().poll(p.id(), a, jkt, mint()));
    }

    @Test
    @DisplayName(
            "approve, cancel and polls racing on one request produce one outcome and at most one token")
    void racingPollsAndCancelYieldAtMostOneToken() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = agent();
            TokenResponse.Pending p = defer(a, "alice");
            assertTrue(approve(p.id(), personId("alice")));
            clock.advance(RETRY);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    boolean cancels = i == 0;
                    results.add(pool.submit(() -> raceOnce(go, cancels, p.id(), a)));
                }
                go.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : results) {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
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
                assertEquals(tokensHandedOut == 1, redeemedJti(p.id()).isPresent());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private String raceOnce(CountDownLatch go, boolean cancels, String id, String agent)
            throws InterruptedException {
        go.await();
        try {
            if (cancels) {
                deferred().cancel(id, agent, "jkt-" + agent);
                return "cancelled";
            }
            return deferred().poll(id, agent, "jkt-" + agent, mint())
                            instanceof DeferredResponses.Token
                    ? "token"
                    : "waiting";
        } catch (AAuthException e) {
            return e.error().name();
        }
    }
}
