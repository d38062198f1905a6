package dev.aauth.jakarta.store;

import dev.aauth.agent.PendingExchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The deferred token requests of this deployment's agents (table {@code agent_pending_calls}), kept
 * while they are open so that an agent resumes polling after a restart. Plain SQL, no entity: rows
 * are written once and deleted when the call ends.
 */
@ApplicationScoped
public class AgentPendingCalls {

    /** An open call: the application's id and action, and the exchange to finish. */
    public record Open(String id, String agent, String action, PendingExchange exchange) {}

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public AgentPendingCalls(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected AgentPendingCalls() {
        this.transactions = null;
        this.clock = null;
    }

    /** Remembers an open call; a second save of the same id replaces nothing (first one wins). */
    public boolean save(
            String id, String agent, String action, PendingExchange p, Duration giveUpAfter) {
        OffsetDateTime now = DbTime.of(clock.instant());
        return transactions.required(
                em ->
                        em.createNativeQuery(
                                                "INSERT INTO agent_pending_calls (id, agent_id, action,"
                                                        + " location, resource, expected_issuer, scope, method, path, upstream_key, interaction_url,"
                                                        + " interaction_code, created_at, give_up_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                                        + " ?12, ?13, ?14) ON CONFLICT DO NOTHING")
                                        .setParameter(1, id)
                                        .setParameter(2, agent)
                                        .setParameter(3, action)
                                        .setParameter(4, p.location())
                                        .setParameter(5, p.resource())
                                        .setParameter(6, p.expectedIssuer())
                                        .setParameter(7, String.join(" ", p.scope()))
                                        .setParameter(8, p.method())
                                        .setParameter(9, p.path())
                                        .setParameter(10, p.upstreamKey())
                                        .setParameter(11, p.interactionUrl())
                                        .setParameter(12, p.interactionCode())
                                        .setParameter(13, now)
                                        .setParameter(
                                                14, DbTime.of(clock.instant().plus(giveUpAfter)))
                                        .executeUpdate()
                                == 1);
    }

    /** The call ended (token, refusal, or the agent gave up). */
    public void delete(String id) {
        transactions.required(
                em ->
                        em.createNativeQuery("DELETE FROM agent_pending_calls WHERE id = ?1")
                                .setParameter(1, id)
                                .executeUpdate());
    }

    /** The open calls of {@code agent} not yet past their give-up time, oldest first. */
    public List<Open> open(String agent) {
        return transactions.required(
                em -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows =
                            em.createNativeQuery(
                                            "SELECT id, agent_id, action, location, resource, expected_issuer,"
                                                    + " scope, method, path, upstream_key, interaction_url, interaction_code FROM agent_pending_calls"
                                                    + " WHERE agent_id = ?1 AND give_up_at > ?2 ORDER BY created_at")
                                    .setParameter(1, agent)
                                    .setParameter(2, DbTime.of(clock.instant()))
                                    .getResultList();
                    List<Open> out = new ArrayList<>();
                    for (Object[] r : rows) {
                        out.add(
                                new Open(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        new PendingExchange(
                                                (String) r[3],
                                                (String) r[4],
                                                (String) r[5],
                                                Arrays.asList(((String) r[6]).split(" ")),
                                                (String) r[7],
                                                (String) r[8],
                                                (String) r[9],
                                                (String) r[10],
                                                (String) r[11])));
                    }
                    return out;
                });
    }

    /** Forgets calls past their give-up time; returns how many. */
    public int purgeExpired() {
        return transactions.required(
                em ->
                        em.createNativeQuery(
                                        "DELETE FROM agent_pending_calls WHERE give_up_at <= ?1")
                                .setParameter(1, DbTime.of(clock.instant()))
                                .executeUpdate());
    }
}
