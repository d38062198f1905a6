package dev.aauth.personserver;

import java.util.Optional;

/**
 * Which person each agent belongs to: "each agent belongs to exactly one person (bound by an
 * administrator or at first consent, never re-bound silently)". Thread-safe; {@link
 * StoreAgentBindings} in the server, {@link InMemoryAgentBindings} in unit tests.
 */
public interface AgentBindings {

    Optional<String> personOf(String agent);

    /**
     * Binds {@code agent} to {@code person}; binding it again to the same person is a no-op.
     *
     * @throws IllegalStateException when the agent is already bound to another person
     */
    void bind(String agent, String person);
}
