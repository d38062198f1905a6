package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@value AAuthConfig#AGENT_DRAFT}: the draft an agent origin speaks. */
class AgentDraftSettingTest {

    static AAuthConfig config(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("aauth.issuer", "https://agents.example");
        p.put("aauth.roles", "agent-provider,agent");
        p.put("aauth.agent.name", "backend");
        p.putAll(extra);
        return new AAuthConfig(name -> Optional.ofNullable(p.get(name)));
    }

    @Test
    @DisplayName("aauth.agent.draft defaults to draft-01: existing agents are unchanged")
    void defaultIsDraft01() {
        assertEquals(AAuthProfile.DRAFT_01, config(Map.of()).agent().draft());
    }

    @Test
    @DisplayName("aauth.agent.draft=draft-11 makes a -11 agent")
    void draft11() {
        assertEquals(
                AAuthProfile.DRAFT_11,
                config(Map.of("aauth.agent.draft", "draft-11")).agent().draft());
    }

    @Test
    @DisplayName("aauth.agent.draft must name a draft, and one this origin serves")
    void refusals() {
        IllegalStateException unknown =
                assertThrows(
                        IllegalStateException.class,
                        () -> config(Map.of("aauth.agent.draft", "draft-07")));
        assertTrue(unknown.getMessage().contains("aauth.agent.draft"), unknown.getMessage());
        IllegalStateException notServed =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                config(
                                        Map.of(
                                                "aauth.agent.draft",
                                                "draft-11",
                                                "aauth.profiles",
                                                "draft-01")));
        assertTrue(notServed.getMessage().contains("aauth.profiles"), notServed.getMessage());
    }
}
