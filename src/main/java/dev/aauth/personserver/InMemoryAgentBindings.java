package dev.aauth.personserver;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AgentBindings} in memory, seeded from {@code aauth.person-server.agent-bindings}. */
public final class InMemoryAgentBindings implements AgentBindings {

    private final Map<String, String> bindings = new ConcurrentHashMap<>();

    public InMemoryAgentBindings(Map<String, String> initial) {
        bindings.putAll(initial);
    }

    @Override
    public Optional<String> personOf(String agent) {
        return Optional.ofNullable(bindings.get(agent));
    }

    @Override
    public void bind(String agent, String person) {
        String previous = bindings.putIfAbsent(agent, person);
        if (previous != null && !previous.equals(person)) {
            throw new IllegalStateException(
                    "agent " + agent + " already belongs to another person");
        }
    }
}
