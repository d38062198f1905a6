package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.PendingExchange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent side's state on a real database (open deferred token requests, agent credentials): kept
 * across restarts, until they end or are given up.
 */
abstract class AgentPendingCallsContract extends StoreTestSupport {

    static PendingExchange exchange(String code) {
        return new PendingExchange(
                "https://ps.example/aauth/pending/p1",
                "https://supply.example",
                "https://ps.example",
                List.of("supply-chain:optimize"),
                "POST",
                "/api/orders",
                "",
                "https://ps.example/interaction",
                code);
    }

    @Test
    @DisplayName(
            "an open call is read back whole by a fresh instance (a restart), and deleted when it ends")
    void survivesARestartUntilItEnds() {
        String agent = newAgent();
        AgentPendingCalls calls = new AgentPendingCalls(store.transactions, clock);
        String id = unique("call-");
        assertTrue(calls.save(id, agent, "orders", exchange("ABCD-1234"), Duration.ofMinutes(10)));
        assertFalse(
                calls.save(id, agent, "orders", exchange("OTHER-0000"), Duration.ofMinutes(10)),
                "the first save wins");
        List<AgentPendingCalls.Open> open =
                new AgentPendingCalls(store.transactions, clock).open(agent);
        assertEquals(
                List.of(new AgentPendingCalls.Open(id, agent, "orders", exchange("ABCD-1234"))),
                open);
        assertTrue(calls.open(newAgent()).isEmpty(), "another agent's calls are not its own");
        calls.delete(id);
        assertTrue(calls.open(agent).isEmpty());
    }

    @Test
    @DisplayName("a call past its give-up time is not resumed, and purged")
    void givenUpCallsAreNotResumed() {
        String agent = newAgent();
        AgentPendingCalls calls = new AgentPendingCalls(store.transactions, clock);
        calls.save(unique("call-"), agent, "orders", exchange("ABCD-1234"), Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        assertTrue(calls.open(agent).isEmpty());
        assertTrue(calls.purgeExpired() >= 1);
    }

    @Test
    @DisplayName(
            "agent credentials: saved, read back by a fresh instance (a restart), replaced at renewal")
    void agentCredentialsSurviveARestart() {
        String owner = unique("http://localhost:9080 backend-");
        AgentCredentialStore credentials = new AgentCredentialStore(store.transactions, clock);
        assertTrue(credentials.find(owner).isEmpty());
        credentials.save(owner, "{\"d\":\"1\"}", "a.b.c", START.plusSeconds(3600));
        assertEquals(
                new AgentCredentialStore.Stored("{\"d\":\"1\"}", "a.b.c", START.plusSeconds(3600)),
                new AgentCredentialStore(store.transactions, clock).find(owner).orElseThrow());
        credentials.save(owner, "{\"d\":\"2\"}", "d.e.f", START.plusSeconds(7200));
        assertEquals("d.e.f", credentials.find(owner).orElseThrow().agentToken());
    }
}
