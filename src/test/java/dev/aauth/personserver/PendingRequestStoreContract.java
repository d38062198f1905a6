package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.personserver.PendingRequestStore.PollAdmission;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PendingRequestStore}: the store of deferred token requests behind the pending URL (the
 * agent's side of "Deferred Responses": create, poll at most every {@code Retry-After}, answer a
 * clarification, cancel with {@code DELETE}, expire, each terminal answer delivered once).
 */
public abstract class PendingRequestStoreContract extends PortContract {

    static final String RESOURCE = "https://resource.example";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration POLL = Duration.ofSeconds(5);

    /** The implementation under test, opened by {@link #open}. */
    protected abstract PendingRequestStore store();

    /** The id of a new person the implementation knows (a request may name its person). */
    protected abstract String newPerson();

    PendingRequestStore.Created create(String agent, String personId) {
        return store().create(
                        new PendingRequestStore.NewRequest(
                                agent,
                                "jkt-" + agent,
                                "resource-token-of-" + agent,
                                null,
                                RESOURCE,
                                Set.of("read", "write"),
                                "to test",
                                null,
                                null,
                                personId,
                                LIFETIME,
                                POLL));
    }

    String created(String agent) {
        return create(agent, null).request().id();
    }

    @Test
    @DisplayName("a created request is pending, kept as asked, and found by its own agent only")
    void aCreatedRequestIsFoundByItsAgentOnly() {
        String a = agent();
        String person = newPerson();
        PendingRequestStore.Created c = create(a, person);
        PendingRequestView r = store().findForAgent(c.request().id(), a).orElseThrow();
        assertEquals(PendingStatus.PENDING, r.status());
        assertEquals(RESOURCE, r.resource());
        assertEquals(Set.of("read", "write"), r.scopes());
        assertEquals("to test", r.justification());
        assertEquals(Optional.of(person), r.person());
        assertEquals(clock.instant().plus(LIFETIME), r.expiresAt());
        assertEquals(Optional.empty(), store().findForAgent(c.request().id(), agent()));
        assertTrue(c.code().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), c.code());
    }

    @Test
    @DisplayName(
            "open requests are counted per agent and per person (the caps on pending requests)")
    void openRequestsAreCountedPerAgentAndPerPerson() {
        String a = agent();
        String person = newPerson();
        create(a, person);
        create(a, null);
        create(agent(), person);
        assertEquals(2, store().countOpen(a));
        assertEquals(2, store().countOpenForPerson(person));
        assertEquals(0, store().countOpen(agent()));
        assertEquals(0, store().countOpenForPerson(newPerson()));
    }

    @Test
    @DisplayName(
            "a poll before Retry-After is over is slow_down; after it, admitted, and the next wait begins")
    void pollsAreAdmittedAtMostEveryInterval() {
        String a = agent();
        String id = created(a);
        assertEquals(PollAdmission.SLOW_DOWN, store().admitPoll(id, a, POLL));
        clock.advance(POLL);
        assertEquals(PollAdmission.ADMITTED, store().admitPoll(id, a, POLL));
        assertEquals(PollAdmission.SLOW_DOWN, store().admitPoll(id, a, POLL));
        assertEquals(PollAdmission.UNKNOWN, store().admitPoll(id, agent(), POLL));
        assertEquals(PollAdmission.UNKNOWN, store().admitPoll("no-such-request", a, POLL));
    }

    @Test
    @DisplayName(
            "DELETE cancels an open request once, by its own agent only; it is then no longer open")
    void cancelOnceByItsAgentOnly() {
        String a = agent();
        String id = created(a);
        assertFalse(store().cancel(id, agent()));
        assertTrue(store().cancel(id, a));
        assertFalse(store().cancel(id, a));
        assertEquals(PendingStatus.CANCELLED, store().findForAgent(id, a).orElseThrow().status());
        assertEquals(0, store().countOpen(a));
    }

    @Test
    @DisplayName(
            "a request past its lifetime expires (not before), is no longer open, and its expiry is delivered once")
    void aRequestExpiresAfterItsLifetimeAndIsDeliveredOnce() {
        String a = agent();
        String id = created(a);
        assertFalse(store().expireIfDue(id));
        clock.advance(LIFETIME.plusSeconds(1));
        assertEquals(0, store().countOpen(a));
        assertTrue(store().expireIfDue(id));
        assertEquals(PendingStatus.EXPIRED, store().findForAgent(id, a).orElseThrow().status());
        assertFalse(store().deliverTerminal(id, agent(), PendingStatus.EXPIRED));
        assertTrue(store().deliverTerminal(id, a, PendingStatus.EXPIRED));
        assertFalse(store().deliverTerminal(id, a, PendingStatus.EXPIRED));
    }

    @Test
    @DisplayName(
            "a denial by policy closes an open request once and is itself the answer: nothing left to deliver")
    void aDenialByPolicyIsTheAnswer() {
        String a = agent();
        String id = created(a);
        assertTrue(store().denyByPolicy(id, a, "scope no longer allowed"));
        assertFalse(store().denyByPolicy(id, a, "again"));
        PendingRequestView r = store().findForAgent(id, a).orElseThrow();
        assertEquals(PendingStatus.DENIED, r.status());
        assertTrue(r.isAnswered());
        assertFalse(store().deliverTerminal(id, a, PendingStatus.DENIED));
        assertEquals(0, store().countOpen(a));
    }

    @Test
    @DisplayName("deliverTerminal refuses a status that is not a terminal answer")
    void deliverTerminalRefusesNonTerminalStatus() {
        String a = agent();
        String id = created(a);
        assertThrows(
                IllegalArgumentException.class,
                () -> store().deliverTerminal(id, a, PendingStatus.PENDING));
    }

    @Test
    @DisplayName("a request nobody approved cannot be redeemed for a token")
    void onlyAnApprovedRequestIsRedeemed() {
        String a = agent();
        String id = created(a);
        Instant now = clock.instant();
        assertFalse(
                store().markRedeemed(
                                id,
                                a,
                                new PendingRequestStore.RedeemedToken(
                                        "jti-" + a,
                                        "https://ps.example",
                                        a,
                                        RESOURCE,
                                        null,
                                        Set.of("read"),
                                        now,
                                        now.plusSeconds(3600))));
        assertEquals(PendingStatus.PENDING, store().findForAgent(id, a).orElseThrow().status());
    }

    @Test
    @DisplayName("a clarification response to a request that asked nothing is refused")
    void aClarificationResponseNeedsAQuestion() {
        String a = agent();
        String id = created(a);
        assertFalse(store().answerClarification(id, a, "because"));
    }

    @Test
    @DisplayName(
            "an updated request (a new resource token) replaces resource and scopes while open, not after")
    void aNewResourceTokenReplacesTheRequestWhileOpen() {
        String a = agent();
        String id = created(a);
        assertTrue(
                store().replaceResourceToken(
                                id, a, "rt-2", "https://other.example", Set.of("read"), null));
        PendingRequestView r = store().findForAgent(id, a).orElseThrow();
        assertEquals("rt-2", r.resourceToken());
        assertEquals("https://other.example", r.resource());
        assertEquals(Set.of("read"), r.scopes());
        assertEquals("to test", r.justification(), "kept when the update gives none");
        assertFalse(
                store().replaceResourceToken(id, agent(), "rt-3", RESOURCE, Set.of("read"), null));
        assertTrue(store().cancel(id, a));
        assertFalse(store().replaceResourceToken(id, a, "rt-3", RESOURCE, Set.of("read"), null));
    }
}
