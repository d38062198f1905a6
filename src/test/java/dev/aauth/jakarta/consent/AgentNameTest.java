package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The interaction page names an agent by its identifier's parts, parsed by the core type. */
class AgentNameTest {

    @Test
    @DisplayName("aauth:local@domain shows local and domain; the domain keeps a development port")
    void localAndDomain() {
        assertEquals(
                new PersonPagesFacade.AgentName("assistant-v2", "agent.example"),
                PersonPagesFacade.AgentName.of("aauth:assistant-v2@agent.example"));
        assertEquals(
                new PersonPagesFacade.AgentName("bot", "localhost:9081"),
                PersonPagesFacade.AgentName.of("aauth:bot@localhost:9081"));
    }

    @Test
    @DisplayName("an identifier that does not parse is shown whole, with no host")
    void notAnIdentifierIsShownWhole() {
        assertEquals(
                new PersonPagesFacade.AgentName("not-an-agent", ""),
                PersonPagesFacade.AgentName.of("not-an-agent"));
        assertEquals(
                new PersonPagesFacade.AgentName("aauth:a@b@c", ""),
                PersonPagesFacade.AgentName.of("aauth:a@b@c"));
    }
}
