package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyDeciderTest {

    static final String BACKEND = "aauth:backend@localhost:9080";
    static final String STRANGER = "aauth:stranger@localhost:9080";
    static final String OWNED = "aauth:assistant@localhost:9080";
    static final String SUPPLY = "http://localhost:9081";
    static final String MARKET = "http://localhost:9082";

    final InMemoryAgentBindings bindings = new InMemoryAgentBindings(Map.of(OWNED, "alice"));
    final InMemoryConsentStore consents = new InMemoryConsentStore();

    PolicyDecider decider(String deny) {
        PersonServerSettings s =
                new PersonServerSettings(
                        List.of("openid", "profile", "email"),
                        List.of("sub"),
                        Duration.ofHours(1),
                        List.of("require:user", "supply-chain:optimize"),
                        PolicyRule.parseAll(deny),
                        PolicyRule.parseAll(
                                BACKEND
                                        + " | "
                                        + SUPPLY
                                        + " | supply-chain:check supply-chain:read"),
                        Map.of(OWNED, "alice"),
                        Optional.empty(),
                        Map.of());
        return new PolicyDecider(s, bindings, consents);
    }

    @Test
    @DisplayName(
            "autonomous allow-list: the backend agent calling supply-chain gets a token at once")
    void autonomousAllowListGrantsDirectly() {
        PolicyDecision d =
                decider("")
                        .decide(
                                BACKEND,
                                SUPPLY,
                                List.of("supply-chain:check", "supply-chain:read"));
        PolicyDecision.Grant g = assertInstanceOf(PolicyDecision.Grant.class, d);
        assertEquals(List.of("supply-chain:check", "supply-chain:read"), g.scopes());
        assertEquals("autonomous", g.reason());
    }

    @Test
    void autonomousAllowListMustCoverEveryScope() {
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("")
                        .decide(
                                BACKEND,
                                SUPPLY,
                                List.of("supply-chain:read", "supply-chain:write")));
    }

    @Test
    void autonomousAllowListIsPerResource() {
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("").decide(BACKEND, MARKET, List.of("supply-chain:read")));
    }

    @Test
    @DisplayName("scopes configured as always-ask (default require:user) go to interaction")
    void alwaysAskScopesGoToInteraction() {
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("")
                        .decide(
                                BACKEND,
                                SUPPLY,
                                List.of("supply-chain:read", "supply-chain:optimize")));
        consents.remember("alice", OWNED, SUPPLY, List.of("require:user"));
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("").decide(OWNED, SUPPLY, List.of("require:user")));
    }

    @Test
    @DisplayName("identity scopes add the person's claims only with the person's consent")
    void identityScopesNeverGrantedAutonomously() {
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("").decide(BACKEND, SUPPLY, List.of("email")));
    }

    @Test
    @DisplayName("unknown agents go to interaction")
    void unknownAgentsGoToInteraction() {
        PolicyDecision d = decider("").decide(STRANGER, SUPPLY, List.of("supply-chain:read"));
        assertEquals(
                "agent is bound to no person",
                assertInstanceOf(PolicyDecision.Interaction.class, d).reason());
    }

    @Test
    @DisplayName("remembered consents per person, agent, resource and scopes give direct grants")
    void rememberedConsentGivesDirectGrant() {
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("").decide(OWNED, SUPPLY, List.of("supply-chain:read")));
        consents.remember("alice", OWNED, SUPPLY, List.of("supply-chain:read"));
        PolicyDecision.Grant g =
                assertInstanceOf(
                        PolicyDecision.Grant.class,
                        decider("").decide(OWNED, SUPPLY, List.of("supply-chain:read")));
        assertEquals("remembered consent", g.reason());
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("")
                        .decide(OWNED, SUPPLY, List.of("supply-chain:read", "supply-chain:check")));
        assertInstanceOf(
                PolicyDecision.Interaction.class,
                decider("").decide(OWNED, MARKET, List.of("supply-chain:read")));
    }

    @Test
    @DisplayName("explicit deny rules win over every allowance")
    void explicitDenyRulesWin() {
        PolicyDecider d = decider(BACKEND + " | * | supply-chain:read");
        assertInstanceOf(
                PolicyDecision.Deny.class, d.decide(BACKEND, SUPPLY, List.of("supply-chain:read")));
        assertInstanceOf(
                PolicyDecision.Deny.class,
                decider("* | " + SUPPLY + " | *")
                        .decide(BACKEND, SUPPLY, List.of("supply-chain:check")));
        assertInstanceOf(
                PolicyDecision.Grant.class,
                d.decide(BACKEND, SUPPLY, List.of("supply-chain:check")));
    }

    @Test
    @DisplayName("each agent belongs to exactly one person, never re-bound silently")
    void agentsAreNeverReboundSilently() {
        bindings.bind(OWNED, "alice");
        assertThrows(IllegalStateException.class, () -> bindings.bind(OWNED, "mallory"));
        assertEquals(Optional.of("alice"), bindings.personOf(OWNED));
    }

    @Test
    void policyRulesRejectMalformedEntries() {
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseAll("a | b"));
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.parseAll("a |  | s"));
        assertThrows(
                IllegalArgumentException.class, () -> PolicyRule.parseAll("a | b | bad\"scope"));
        assertEquals(2, PolicyRule.parseAll("a | b | s; c | d | *;").size());
    }
}
