package dev.aauth.jakarta.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Decision;
import dev.aauth.jakarta.store.DecisionOutcome;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.testing.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
        StoreAgentBindings bindings = new StoreAgentBindings(new dev.aauth.jakarta.store.AgentBindings(tx, clock), persons);
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
        PairwiseSubject pairwise = new PairwiseSubject(Optional.of("0123456789abcdef0123456789abcdef"));
        StoreIssuedTokenLog log = new StoreIssuedTokenLog(new IssuedTokens(tx, clock), persons, "https://ps.example", pairwise);
        String a = agent();
        long now = clock.instant().getEpochSecond();
        log.record(new IssuedTokenLog.IssuedToken("jti-" + a, a, RESOURCE, "dave", pairwise.of("dave", RESOURCE),
                List.of("read"), now, now + 3600));
        IssuedTokenLog.IssuedToken back = log.find("jti-" + a).orElseThrow();
        assertEquals(a, back.agent());
        assertEquals(RESOURCE, back.resource());
        assertEquals("dave", back.person());
        assertEquals(pairwise.of("dave", RESOURCE), back.subject());
        assertEquals(List.of("read"), back.scopes());
        assertEquals(now + 3600, back.expiresAt());
        assertEquals(Optional.empty(), log.find("never-issued"));
        log.record(new IssuedTokenLog.IssuedToken("jti2-" + a, a, RESOURCE, null, null, List.of(), now, now + 60));
        assertEquals(null, log.find("jti2-" + a).orElseThrow().person());
    }

    @Test
    void theDecisionAndItsReasonAreRecorded() {
        Decisions decisions = new Decisions(tx, clock);
        StoreDecisionLog log = new StoreDecisionLog(decisions);
        String a = agent();
        long now = clock.instant().getEpochSecond();
        log.record(new DecisionLog.Entry(now, a, RESOURCE, List.of("read"), "grant", "remembered consent", "rt-1", "at-1"));
        log.record(new DecisionLog.Entry(now, a, RESOURCE, List.of("write"), "interaction", "always-ask scope", "rt-2", null));
        log.record(new DecisionLog.Entry(now, a, RESOURCE, List.of("delete"), "deny", "deny rule", "rt-3", null));
        List<Decision> recent = decisions.recentForAgent(a, 10);
        assertEquals(3, recent.size());
        assertTrue(recent.stream().anyMatch(d -> d.outcome() == DecisionOutcome.GRANTED
                && d.reason().equals("remembered consent [resource token rt-1] [auth token at-1]")));
        assertTrue(recent.stream().anyMatch(d -> d.outcome() == DecisionOutcome.DEFERRED
                && d.reason().startsWith("always-ask scope")));
        assertTrue(recent.stream().anyMatch(d -> d.outcome() == DecisionOutcome.DENIED && d.reason().startsWith("deny rule")));
        assertThrows(IllegalArgumentException.class, () -> StoreDecisionLog.outcome("maybe"));
    }
}
