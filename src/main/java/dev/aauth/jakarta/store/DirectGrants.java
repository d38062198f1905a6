package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The records of direct grants: each issued auth token ("{@code jti} recorded") with the decision
 * that issued it ("The decision and its reason are recorded"), written together. A batch of grants
 * is one transaction of its own ({@link Transactions#requiresNew}): all of it is written or none,
 * whatever transaction the calling thread is in.
 */
@ApplicationScoped
public class DirectGrants {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public DirectGrants(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected DirectGrants() {
        this.transactions = null;
        this.clock = null;
    }

    /**
     * One direct grant: the token and what {@link Decisions#record} would record of the decision
     * ({@code requestId} none: a direct answer).
     */
    public record Grant(
            IssuedToken token,
            String personId,
            String agentId,
            String resource,
            Set<String> scopes,
            String reason) {
        public Grant {
            Objects.requireNonNull(token, "token");
            scopes = Set.copyOf(scopes);
        }
    }

    /**
     * Writes the grants, tokens and decisions, in one new transaction; a {@code jti} used before
     * fails it whole.
     */
    public void recordAll(List<Grant> grants) {
        List<Decision> decisions =
                grants.stream()
                        .map(
                                g ->
                                        Decisions.made(
                                                null,
                                                g.personId(),
                                                g.agentId(),
                                                g.resource(),
                                                g.scopes(),
                                                DecisionOutcome.GRANTED,
                                                g.reason(),
                                                clock))
                        .toList();
        transactions.requiresNew(
                em -> {
                    grants.forEach(g -> em.persist(g.token()));
                    decisions.forEach(em::persist);
                    em.flush();
                    return null;
                });
    }
}
