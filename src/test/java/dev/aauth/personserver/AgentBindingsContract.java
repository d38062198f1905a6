package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentBindings}: "each agent belongs to exactly one person" (the binding the Person Server
 * keeps when a person first approves an agent), never re-bound silently.
 */
public abstract class AgentBindingsContract extends PortContract {

    /** The implementation under test, opened by {@link #open}. */
    protected abstract AgentBindings bindings();

    @Test
    @DisplayName("an agent bound to nobody belongs to nobody")
    void anUnboundAgentBelongsToNobody() {
        assertEquals(Optional.empty(), bindings().personOf(agent()));
    }

    @Test
    @DisplayName(
            "a bound agent belongs to its person; binding it to the same person again is a no-op")
    void aBoundAgentBelongsToItsPerson() {
        String a = agent();
        String person = username();
        bindings().bind(a, person);
        bindings().bind(a, person);
        assertEquals(Optional.of(person), bindings().personOf(a));
    }

    @Test
    @DisplayName("binding an agent to a second person fails closed and keeps the first binding")
    void anAgentIsNeverReboundToAnotherPerson() {
        String a = agent();
        String first = username();
        bindings().bind(a, first);
        assertThrows(IllegalStateException.class, () -> bindings().bind(a, username()));
        assertEquals(Optional.of(first), bindings().personOf(a));
    }
}
