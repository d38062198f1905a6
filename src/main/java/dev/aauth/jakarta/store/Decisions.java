package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The record of authorization decisions: "The decision and its reason are recorded." Decisions on
 * pending requests are written by {@link PendingRequests#approve}/{@link PendingRequests#deny} in
 * the transaction that makes them; the Person Server records direct grants, deferrals and refusals
 * here.
 */
@ApplicationScoped
public class Decisions {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public Decisions(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected Decisions() {
        this.transactions = null;
        this.clock = null;
    }

    /**
     * Records a decision made now.
     *
     * @param requestId the pending request, or {@code null} for a direct answer
     * @param personId the person, or {@code null} when none is known
     */
    public Decision record(
            String requestId,
            String personId,
            String agentId,
            String resource,
            Set<String> scopes,
            DecisionOutcome outcome,
            String reason) {
        Decision decision =
                made(requestId, personId, agentId, resource, scopes, outcome, reason, clock);
        return transactions.required(em -> insert(em, decision));
    }

    /** A decision made now, with a new id: what {@link #record} and {@link DirectGrants} write. */
    static Decision made(
            String requestId,
            String personId,
            String agentId,
            String resource,
            Set<String> scopes,
            DecisionOutcome outcome,
            String reason,
            Clock clock) {
        return new Decision(
                Ids.uuid(),
                requestId,
                personId,
                Objects.requireNonNull(agentId, "agentId"),
                Objects.requireNonNull(resource, "resource"),
                CanonicalScopes.of(scopes),
                Objects.requireNonNull(outcome, "outcome"),
                Objects.requireNonNull(reason, "reason"),
                clock.instant());
    }

    /** The decisions on one pending request, oldest first. */
    public List<Decision> forRequest(String requestId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT d FROM Decision d WHERE d.requestId = :request ORDER BY d.decidedAt, d.id",
                                        Decision.class)
                                .setParameter("request", requestId)
                                .getResultList());
    }

    /** The newest {@code limit} decisions about an agent, newest first. */
    public List<Decision> recentForAgent(String agentId, int limit) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT d FROM Decision d WHERE d.agentId = :agent ORDER BY d.decidedAt DESC, d.id",
                                        Decision.class)
                                .setParameter("agent", agentId)
                                .setMaxResults(limit)
                                .getResultList());
    }

    /**
     * The newest {@code limit} decisions concerning a person: made by them, or about an agent bound
     * to them (direct grants name no person), newest first.
     */
    public List<Decision> recentForPerson(String personId, int limit) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT d FROM Decision d WHERE d.personId = :person"
                                                + " OR d.agentId IN (SELECT b.agentId FROM AgentBinding b WHERE b.personId = :person)"
                                                + " ORDER BY d.decidedAt DESC, d.id",
                                        Decision.class)
                                .setParameter("person", personId)
                                .setMaxResults(limit)
                                .getResultList());
    }

    static Decision insert(EntityManager em, Decision decision) {
        em.persist(decision);
        em.flush();
        return decision;
    }
}
