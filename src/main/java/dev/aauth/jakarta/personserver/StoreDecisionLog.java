package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.DecisionOutcome;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.personserver.DecisionLog;
import java.util.Objects;
import java.util.Set;

/**
 * {@link DecisionLog} in the database ({@link Decisions}): "The decision and its reason are
 * recorded." The reason carries the {@code jti} of the resource token decided on and of the auth
 * token issued, so an auditor can join it with {@code issued_tokens}.
 */
public final class StoreDecisionLog implements DecisionLog {

    /** The reason column's width. */
    static final int MAX_REASON = 1024;

    private final Decisions decisions;
    private final StorePersonIds persons;

    /** Decisions whose person is recorded by its id in {@code persons}. */
    public StoreDecisionLog(Decisions decisions, Persons persons) {
        this(decisions, new StorePersonIds(Objects.requireNonNull(persons, "persons")));
    }

    StoreDecisionLog(Decisions decisions, StorePersonIds persons) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    @Override
    public void record(Entry entry) {
        String personId = entry.person() == null ? null : persons.ensure(entry.person());
        decisions.record(
                null,
                personId,
                entry.agent(),
                entry.resource(),
                Set.copyOf(entry.scopes()),
                outcome(entry.outcome()),
                reason(entry));
    }

    static DecisionOutcome outcome(String outcome) {
        return switch (outcome) {
            case "grant" -> DecisionOutcome.GRANTED;
            case "interaction" -> DecisionOutcome.DEFERRED;
            case "deny" -> DecisionOutcome.DENIED;
            default -> throw new IllegalArgumentException("unknown outcome " + outcome);
        };
    }

    static String reason(Entry entry) {
        StringBuilder s = new StringBuilder(entry.reason());
        if (entry.resourceTokenJti() != null) {
            s.append(" [resource token ").append(entry.resourceTokenJti()).append(']');
        }
        if (entry.authTokenJti() != null) {
            s.append(" [auth token ").append(entry.authTokenJti()).append(']');
        }
        return s.length() <= MAX_REASON ? s.toString() : s.substring(0, MAX_REASON);
    }
}
