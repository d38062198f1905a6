package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which person each agent belongs to: "each agent belongs to exactly one person (bound by an
 * administrator or at first consent, never re-bound silently)".
 */
@ApplicationScoped
public class AgentBindings {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public AgentBindings(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected AgentBindings() {
        this.transactions = null;
        this.clock = null;
    }

    /** The outcome of {@link #bind}. */
    public enum BindOutcome {
        /** This call bound the agent. */
        BOUND,
        /** The agent was already bound to this same person. */
        ALREADY_BOUND,
        /** The agent belongs to another person: nothing changed. */
        BOUND_TO_ANOTHER
    }

    /** The outcome and the binding now in force. */
    public record Binding(BindOutcome outcome, AgentBinding binding) {}

    /**
     * Binds an agent to a person unless it is bound already ({@code INSERT ... ON CONFLICT DO
     * NOTHING} on the agent's primary key): an existing binding is never replaced, so two persons
     * consenting at once cannot both own the agent.
     */
    public Binding bind(String agentId, String personId, BoundBy boundBy) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(boundBy, "boundBy");
        return transactions.required(
                em -> {
                    int inserted =
                            em.createNativeQuery(
                                            "INSERT INTO agent_bindings (agent_id, person_id, bound_by, created_at)"
                                                    + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                                    .setParameter(1, agentId)
                                    .setParameter(2, personId)
                                    .setParameter(3, EnumColumns.toColumn(boundBy))
                                    .setParameter(4, DbTime.of(clock.instant()))
                                    .executeUpdate();
                    AgentBinding binding = em.find(AgentBinding.class, agentId);
                    if (binding == null) {
                        // the conflicting binding was removed between the insert and the read: let
                        // the caller retry
                        throw new IllegalStateException(
                                "agent " + agentId + " was unbound while being bound");
                    }
                    BindOutcome outcome =
                            inserted == 1
                                    ? BindOutcome.BOUND
                                    : binding.personId().equals(personId)
                                            ? BindOutcome.ALREADY_BOUND
                                            : BindOutcome.BOUND_TO_ANOTHER;
                    return new Binding(outcome, binding);
                });
    }

    /**
     * The agent's binding, read without a transaction of its own (the token endpoint asks on every
     * grant); read-only: the entity is not registered for changes.
     */
    public Optional<AgentBinding> find(String agentId) {
        return transactions.reading(
                em ->
                        Optional.ofNullable(
                                em.find(AgentBinding.class, agentId, Transactions.READ_ONLY)));
    }

    /** The agents a person owns. */
    public List<AgentBinding> forPerson(String personId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT b FROM AgentBinding b WHERE b.personId = :person ORDER BY b.agentId",
                                        AgentBinding.class)
                                .setParameter("person", personId)
                                .getResultList());
    }

    /**
     * Removes the binding if the agent belongs to {@code personId} (the person or an administrator
     * revokes it).
     */
    public boolean unbind(String agentId, String personId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                                "DELETE FROM AgentBinding b WHERE b.agentId = :agent AND b.personId = :person")
                                        .setParameter("agent", agentId)
                                        .setParameter("person", personId)
                                        .executeUpdate()
                                == 1);
    }
}
