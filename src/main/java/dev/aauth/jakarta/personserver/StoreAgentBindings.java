package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.AgentBinding;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.personserver.AgentBindings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link AgentBindings} in the database ({@link dev.aauth.jakarta.store.AgentBindings}): "each
 * agent belongs to exactly one person (bound by an administrator or at first consent, never
 * re-bound silently)" is the table's primary key on the agent.
 */
public final class StoreAgentBindings implements AgentBindings {

    private static final Logger LOG = Logger.getLogger(StoreAgentBindings.class.getName());

    private final dev.aauth.jakarta.store.AgentBindings store;
    private final StorePersonIds persons;

    public StoreAgentBindings(
            dev.aauth.jakarta.store.AgentBindings store, dev.aauth.jakarta.store.Persons persons) {
        this(store, new StorePersonIds(persons));
    }

    StoreAgentBindings(dev.aauth.jakarta.store.AgentBindings store, StorePersonIds persons) {
        this.store = Objects.requireNonNull(store, "store");
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    /**
     * Binds the configured agents ({@code aauth.person-server.agent-bindings}) as an administrator
     * would. An agent already bound to another person keeps its person (never re-bound silently);
     * that is logged.
     */
    public StoreAgentBindings seed(Map<String, String> administrated) {
        administrated.forEach(
                (agent, person) -> {
                    var result = store.bind(agent, persons.ensure(person), BoundBy.ADMIN);
                    if (result.outcome()
                            == dev.aauth.jakarta.store.AgentBindings.BindOutcome.BOUND_TO_ANOTHER) {
                        LOG.warning(
                                "agent "
                                        + agent
                                        + " is configured for "
                                        + person
                                        + " but already belongs to another person; the binding is kept");
                    }
                });
        return this;
    }

    @Override
    public Optional<String> personOf(String agent) {
        return store.find(agent).map(AgentBinding::personId).flatMap(persons::usernameOf);
    }

    @Override
    public void bind(String agent, String person) {
        var result = store.bind(agent, persons.ensure(person), BoundBy.CONSENT);
        if (result.outcome()
                == dev.aauth.jakarta.store.AgentBindings.BindOutcome.BOUND_TO_ANOTHER) {
            throw new IllegalStateException(
                    "agent " + agent + " already belongs to another person");
        }
    }
}
