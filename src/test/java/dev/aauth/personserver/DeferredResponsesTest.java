package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The deferred-response state machine of the core over its in-memory ports: no container, no
 * database. The person's side (code, approval, denial, a question) is made on {@link
 * InMemoryPendingRequests}, as the consent pages make it on the database. The same logic over the
 * database adapter: {@code dev.aauth.jakarta.personserver.DeferredResponsesTest}.
 */
class DeferredResponsesTest {

    static final String RESOURCE = "https://resource.example";
    static final Duration RETRY = Duration.ofSeconds(5);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final InMemoryPendingRequests pending = new InMemoryPendingRequests(clock);
    final InMemoryPersonIds persons = new InMemoryPersonIds();
    final DeferredResponses deferred =
            new DeferredResponses(
                    pending, persons, new DeferredResponses.Settings(LIFETIME, RETRY), clock);
    final AtomicInteger minted = new AtomicInteger();

    static String agent() {
        return "aauth:" + UUID.randomUUID().toString().substring(0, 8) + "@agent.example";
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
        return defer(deferred, agent, person);
    }

    Function<PendingRequestView, DeferredResponses.Minted> mint() {
        return r -> {
            String jti = "jti-" + minted.incrementAndGet();
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
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(error, e.error(), e.detail());
        return e;
    }

    String personId(String username) {
        return persons.ensure(username);
    }

    @Test
    @DisplayName(
            "Pending URLs MUST be unguessable: the id carries 128 random bits; the code is XXXX-XXXX")
    void pendingUrlsMustBeUnguessable() {
        TokenResponse.Pending p = defer(agent(), "alice");
        TokenResponse.Pending q = defer(agent(), "alice");
        assertEquals(16, Base64.getUrlDecoder().decode(p.id()).length);
        assertTrue(p.code().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), p.code());
        assertTrue(!p.id().equals(q.id()), "two requests, two ids");
        assertEquals(5, p.retryAfter());
    }

    @Test
    @DisplayName(
            "A 202 response means the request is still pending; status interacting when the user has arrived")
    void pendingThenInteracting() {
        String a = agent();
        TokenResponse.Pending p = defer(a, null);
        assertEquals(new DeferredResponses.Waiting("pending", 5), poll(p, a));
        assertTrue(pending.redeemCode(p.code(), personId("bob")).isPresent());
        assertEquals(new DeferredResponses.Waiting("interacting", 5), poll(p, a));
    }

    @Test
    @DisplayName(
            "slow_down (429): polling too frequently, with Retry-After the polling interval (issue 12 scenario 5)")
    void slowDown() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        AAuthException first =
                fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, "jkt-" + a, mint()));
        assertEquals(RETRY.toSeconds(), first.retryAfter());
        assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a));
        AAuthException again =
                fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, "jkt-" + a, mint()));
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
                () -> deferred.poll(p.id(), a, "another key of the agent", mint()));
        fails(AAuthError.INVALID_CODE, () -> deferred.cancel(p.id(), agent(), "jkt-x"));
        assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a), "the others changed nothing");
    }

    @Test
    @DisplayName(
            "approved: 200 with the token exactly once, its jti recorded; then 410 (Once a terminal response is returned, the pending URL MUST return 410 Gone)")
    void approvedAnswersTheTokenOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(pending.approve(p.id(), personId("alice")));
        DeferredResponses.Token t = assertInstanceOf(DeferredResponses.Token.class, poll(p, a));
        assertEquals(
                t.granted().jti(), pending.redeemedToken(p.id()).orElseThrow().jti(), "recorded");
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        assertEquals(1, minted.get(), "one token");
    }

    @Test
    @DisplayName("denied (403): User or approver explicitly denied the request; once, then 410")
    void deniedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(pending.deny(p.id(), personId("alice")));
        fails(AAuthError.DENIED, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
    }

    @Test
    @DisplayName(
            "abandoned (403): Interaction code was used but user did not complete; once, then 410")
    void abandonedOnceThenGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        assertTrue(pending.redeemCode(p.code(), personId("alice")).isPresent());
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
    @DisplayName("the agent cancels (DELETE): then 410; an approval after it hands out nothing")
    void cancelledIsGone() {
        String a = agent();
        TokenResponse.Pending p = defer(a, "alice");
        deferred.cancel(p.id(), a, "jkt-" + a);
        assertTrue(!pending.approve(p.id(), personId("alice")));
        fails(AAuthError.INVALID_CODE, () -> poll(p, a));
        fails(AAuthError.INVALID_CODE, () -> deferred.cancel(p.id(), a, "jkt-" + a));
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
                () -> deferred.answerClarification(p.id(), a, jkt, "no question yet"));
        assertTrue(pending.redeemCode(p.code(), personId("alice")).isPresent());
        assertTrue(pending.askClarification(p.id(), personId("alice"), "Why?"));
        DeferredResponses.Waiting asked =
                assertInstanceOf(DeferredResponses.Waiting.class, poll(p, a));
        assertEquals("Why?", asked.clarification());
        assertEquals(LIFETIME.minus(RETRY).toSeconds(), asked.timeout());
        DeferredResponses.Waiting answered =
                deferred.answerClarification(p.id(), a, jkt, "Because.");
        assertTrue(!answered.asksClarification());
        fails(
                AAuthError.INVALID_REQUEST,
                () -> deferred.answerClarification(p.id(), a, jkt, "again"));
    }

    @Test
    @DisplayName(
            "issue 12: open requests are capped per agent: one more is 429 slow_down with Retry-After")
    void pendingRequestsCappedPerAgent() {
        DeferredResponses capped =
                new DeferredResponses(
                        pending,
                        persons,
                        new DeferredResponses.Settings(LIFETIME, RETRY, 2, 100),
                        clock);
        String a = agent();
        defer(capped, a, null);
        defer(capped, a, null);
        AAuthException e = fails(AAuthError.SLOW_DOWN, () -> defer(capped, a, null));
        assertEquals(RETRY.toSeconds(), e.retryAfter());
        defer(capped, agent(), null);
        clock.advance(LIFETIME.plusSeconds(1));
        defer(capped, a, null);
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
                deferred.peek(p.id(), a, jkt));
        assertEquals(Optional.empty(), deferred.peek(p.id(), a, "another key"));
        fails(AAuthError.SLOW_DOWN, () -> deferred.poll(p.id(), a, jkt, mint()));
        clock.advance(LIFETIME);
        assertEquals(Optional.empty(), deferred.peek(p.id(), a, jkt));
        fails(AAuthError.EXPIRED, () -> deferred.poll(p.id(), a, jkt, mint()));
    }
}
