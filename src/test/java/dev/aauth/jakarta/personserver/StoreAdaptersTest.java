package dev.aauth.jakarta.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Decision;
import dev.aauth.jakarta.store.DecisionOutcome;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.DirectGrants;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.personserver.DecisionLog;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.personserver.PairwiseSubject;
import dev.aauth.testing.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Person Server's state holders over the database store (H2 in PostgreSQL mode). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAdaptersTest {

    static final String RESOURCE = "https://resource.example";
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    H2MemoryStore store;
    EntityManagerFactory factory;
    Persons persons;
    Transactions tx;

    @BeforeAll
    void open() {
        store = new H2MemoryStore("ps");
        factory = store.factory;
        tx = new ResourceLocalTransactions(factory);
        persons = new Persons(tx, clock);
    }

    @AfterAll
    void close() {
        factory.close();
    }

    static String agent() {
        return "aauth:" + UUID.randomUUID().toString().substring(0, 8) + "@agent.example";
    }

    @Test
    void eachAgentBelongsToExactlyOnePersonNeverReBoundSilently() {
        StoreAgentBindings bindings =
                new StoreAgentBindings(
                        new dev.aauth.jakarta.store.AgentBindings(tx, clock), persons);
        String a = agent();
        String b = agent();
        bindings.seed(Map.of(a, "alice"));
        assertEquals(Optional.of("alice"), bindings.personOf(a));
        bindings.seed(Map.of(a, "bob"));
        assertEquals(Optional.of("alice"), bindings.personOf(a), "configuration never re-binds");
        assertEquals(Optional.empty(), bindings.personOf(b));
        bindings.bind(b, "bob");
        bindings.bind(b, "bob");
        assertEquals(Optional.of("bob"), bindings.personOf(b));
        assertThrows(IllegalStateException.class, () -> bindings.bind(b, "alice"));
    }

    @Test
    void rememberedConsentsGiveDirectGrants() {
        StoreConsentStore consents = new StoreConsentStore(new Consents(tx, clock), persons);
        String a = agent();
        assertFalse(consents.covers("carol-" + a, a, RESOURCE, List.of("read")), "unknown person");
        consents.remember("carol", a, RESOURCE, List.of("read"));
        consents.remember("carol", a, RESOURCE, List.of("write"));
        assertTrue(consents.covers("carol", a, RESOURCE, List.of("read", "write")));
        assertFalse(consents.covers("carol", a, RESOURCE, List.of("read", "delete")));
        assertFalse(consents.covers("carol", a, "https://other.example", List.of("read")));
    }

    @Test
    void jtiRecorded() {
        PairwiseSubject pairwise =
                new PairwiseSubject(Optional.of("0123456789abcdef0123456789abcdef"));
        StoreIssuedTokenLog log =
                new StoreIssuedTokenLog(
                        new IssuedTokens(tx, clock), persons, "https://ps.example", pairwise);
        String a = agent();
        long now = clock.instant().getEpochSecond();
        log.record(
                new IssuedTokenLog.IssuedToken(
                        "jti-" + a,
                        a,
                        RESOURCE,
                        "dave",
                        pairwise.of("dave", RESOURCE),
                        List.of("read"),
                        now,
                        now + 3600));
        IssuedTokenLog.IssuedToken back = log.find("jti-" + a).orElseThrow();
        assertEquals(a, back.agent());
        assertEquals(RESOURCE, back.resource());
        assertEquals("dave", back.person());
        assertEquals(pairwise.of("dave", RESOURCE), back.subject());
        assertEquals(List.of("read"), back.scopes());
        assertEquals(now + 3600, back.expiresAt());
        assertEquals(Optional.empty(), log.find("never-issued"));
        log.record(
                new IssuedTokenLog.IssuedToken(
                        "jti2-" + a, a, RESOURCE, null, null, List.of(), now, now + 60));
        assertEquals(null, log.find("jti2-" + a).orElseThrow().person());
    }

    @Test
    @DisplayName(
            "The decision and its reason are recorded, with the person when the agent is bound")
    void theDecisionAndItsReasonAreRecorded() {
        Decisions decisions = new Decisions(tx, clock);
        StoreDecisionLog log = new StoreDecisionLog(decisions, persons);
        String a = agent();
        String dana = "dana-" + a;
        long now = clock.instant().getEpochSecond();
        log.record(
                new DecisionLog.Entry(
                        now,
                        a,
                        RESOURCE,
                        List.of("read"),
                        "grant",
                        "remembered consent",
                        "rt-1",
                        "at-1",
                        dana));
        log.record(
                new DecisionLog.Entry(
                        now,
                        a,
                        RESOURCE,
                        List.of("write"),
                        "interaction",
                        "always-ask scope",
                        "rt-2",
                        null,
                        dana));
        log.record(
                new DecisionLog.Entry(
                        now,
                        a,
                        RESOURCE,
                        List.of("delete"),
                        "deny",
                        "deny rule",
                        "rt-3",
                        null,
                        dana));
        log.record(
                new DecisionLog.Entry(
                        now,
                        a,
                        RESOURCE,
                        List.of("read"),
                        "interaction",
                        "unknown agent",
                        "rt-4",
                        null));
        List<Decision> recent = decisions.recentForAgent(a, 10);
        assertEquals(4, recent.size());
        String danaId = persons.findByUsername(dana).orElseThrow().id();
        assertEquals(
                3,
                recent.stream()
                        .filter(d -> d.personId().equals(java.util.Optional.of(danaId)))
                        .count(),
                "decisions of a bound agent record its person");
        assertTrue(
                recent.stream()
                        .anyMatch(
                                d ->
                                        d.personId().isEmpty()
                                                && d.reason().startsWith("unknown agent")));
        assertTrue(
                recent.stream()
                        .anyMatch(
                                d ->
                                        d.outcome() == DecisionOutcome.GRANTED
                                                && d.reason()
                                                        .equals(
                                                                "remembered consent [resource token rt-1] [auth token at-1]")));
        assertTrue(
                recent.stream()
                        .anyMatch(
                                d ->
                                        d.outcome() == DecisionOutcome.DEFERRED
                                                && d.reason().startsWith("always-ask scope")));
        assertTrue(
                recent.stream()
                        .anyMatch(
                                d ->
                                        d.outcome() == DecisionOutcome.DENIED
                                                && d.reason().startsWith("deny rule")));
        assertThrows(IllegalArgumentException.class, () -> StoreDecisionLog.outcome("maybe"));
    }

    @Test
    @DisplayName(
            "A direct grant's jti and its decision are recorded together; a jti used before writes neither")
    void aDirectGrantsJtiAndDecisionAreRecordedTogether() {
        PairwiseSubject pairwise =
                new PairwiseSubject(Optional.of("0123456789abcdef0123456789abcdef"));
        StorePersonIds ids = new StorePersonIds(persons);
        StoreAgentBindings bindings =
                new StoreAgentBindings(new dev.aauth.jakarta.store.AgentBindings(tx, clock), ids);
        StoreIssuedTokenLog issued =
                new StoreIssuedTokenLog(
                        new IssuedTokens(tx, clock), ids, "https://ps.example", pairwise);
        Decisions decisions = new Decisions(tx, clock);
        StoreDirectGrantLog grants =
                new StoreDirectGrantLog(new DirectGrants(tx, clock), ids, "https://ps.example");
        String a = agent();
        String erin = "erin-" + a;
        bindings.seed(Map.of(a, erin));
        assertEquals(Optional.of(erin), bindings.personOf(a));
        long now = clock.instant().getEpochSecond();
        IssuedTokenLog.IssuedToken token =
                new IssuedTokenLog.IssuedToken(
                        "jti-" + a,
                        a,
                        RESOURCE,
                        erin,
                        pairwise.of(erin, RESOURCE),
                        List.of("read"),
                        now,
                        now + 3600);
        DecisionLog.Entry decision =
                new DecisionLog.Entry(
                        now,
                        a,
                        RESOURCE,
                        List.of("read"),
                        "grant",
                        "autonomous",
                        "rt-1",
                        token.jti(),
                        erin);

        grants.record(token, decision);

        assertEquals(erin, issued.find(token.jti()).orElseThrow().person());
        List<Decision> recorded = decisions.recentForAgent(a, 10);
        assertEquals(1, recorded.size());
        assertEquals(DecisionOutcome.GRANTED, recorded.get(0).outcome());
        assertEquals(
                "autonomous [resource token rt-1] [auth token " + token.jti() + "]",
                recorded.get(0).reason());
        assertEquals(persons.findByUsername(erin).map(p -> p.id()), recorded.get(0).personId());

        assertThrows(
                RuntimeException.class,
                () -> grants.record(token, decision),
                "the jti's primary key refuses it");
        assertEquals(
                1,
                decisions.recentForAgent(a, 10).size(),
                "nothing half-written: no decision without its token");
    }
}
