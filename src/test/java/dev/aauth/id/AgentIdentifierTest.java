package dev.aauth.id;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdentifierTest {

    private static void assertRejected(String value, SecurityMode mode) {
        assertFalse(AgentIdentifier.isValid(value, mode), value);
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> AgentIdentifier.parse(value, mode, AAuthError.INVALID_AGENT_TOKEN));
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error());
    }

    @Test
    @DisplayName("valid: aauth:assistant-v2@agent.example")
    void draftValidExampleAssistant() {
        AgentIdentifier id = AgentIdentifier.parse("aauth:assistant-v2@agent.example", STRICT);
        assertEquals("assistant-v2", id.local());
        assertEquals("agent.example", id.domain());
        assertEquals("aauth:assistant-v2@agent.example", id.value());
    }

    @Test
    @DisplayName("valid: aauth:cli+instance.1@tools.example")
    void draftValidExampleCliInstance() {
        AgentIdentifier id = AgentIdentifier.parse("aauth:cli+instance.1@tools.example", STRICT);
        assertEquals("cli+instance.1", id.local());
        assertEquals("tools.example", id.domain());
    }

    @Test
    @DisplayName("invalid: My Agent@agent.example (uppercase letters and space in local part)")
    void draftInvalidExampleUppercaseAndSpace() {
        assertRejected("My Agent@agent.example", STRICT);
        assertRejected("aauth:My Agent@agent.example", STRICT);
        assertRejected("aauth:Agent@agent.example", STRICT);
        assertRejected("aauth:my agent@agent.example", STRICT);
    }

    @Test
    @DisplayName("invalid: @agent.example (empty local part) - The local part MUST NOT be empty")
    void draftInvalidExampleEmptyLocalPart() {
        assertRejected("@agent.example", STRICT);
        assertRejected("aauth:@agent.example", STRICT);
    }

    @Test
    @DisplayName("invalid: agent@http://agent.example (domain includes scheme)")
    void draftInvalidExampleDomainIncludesScheme() {
        assertRejected("agent@http://agent.example", STRICT);
        assertRejected("aauth:agent@http://agent.example", STRICT);
        assertRejected("aauth:agent@https://agent.example", DEVELOPMENT);
    }

    @Test
    @DisplayName("The local part MUST consist of a-z, 0-9, '-', '_', '+' and '.'")
    void localPartCharacterSet() {
        assertTrue(AgentIdentifier.isValid("aauth:a-z_0.9+x@agent.example", STRICT));
        for (String bad : new String[] {"a/b", "a@b", "a%20", "é", "a:b", "a\u0000", "A"}) {
            assertRejected("aauth:" + bad + "@agent.example", STRICT);
        }
    }

    @Test
    @DisplayName("The local part MUST NOT exceed 255 characters")
    void localPartMustNotExceed255() {
        assertTrue(AgentIdentifier.isValid("aauth:" + "a".repeat(255) + "@agent.example", STRICT));
        assertRejected("aauth:" + "a".repeat(256) + "@agent.example", STRICT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aauth:a@Agent.example",
                "aauth:a@agent.example:443",
                "aauth:a@agent.example/",
                "aauth:a@bücher.example",
                "aauth:a@localhost",
                "aauth:a@10.0.0.1",
                "aauth:a@agent",
                "aauth:a@",
                "aauth:a",
                "aauth:a@agent.example.",
                "aauth:a@b@agent.example",
                "AAUTH:a@agent.example",
                "urn:a@agent.example",
                ""
            })
    @DisplayName(
            "The domain part MUST be a valid domain name conforming to the server identifier requirements")
    void domainMustConformToServerIdentifierRequirements(String value) {
        assertRejected(value, STRICT);
    }

    @Test
    void nullIsRejected() {
        assertRejected(null, STRICT);
    }

    @Test
    @DisplayName(
            "Implementations MUST perform exact string comparison on agent identifiers (case-sensitive)")
    void agentIdentifiersCompareByExactCaseSensitiveString() {
        AgentIdentifier a = AgentIdentifier.parse("aauth:bot@agent.example", STRICT);
        assertEquals(a, AgentIdentifier.parse("aauth:bot@agent.example", STRICT));
        assertNotEquals(a, AgentIdentifier.parse("aauth:bot2@agent.example", STRICT));
        assertTrue(a.matches("aauth:bot@agent.example"));
        assertFalse(a.matches("aauth:BOT@agent.example"));
        assertFalse(a.matches("aauth:bot@AGENT.example"));
    }

    @Test
    @DisplayName(
            "issuer is the agent provider's HTTPS URL (the domain in agent identifiers it issues)")
    void domainMatchesIssuerAuthority() {
        AgentIdentifier a = AgentIdentifier.parse("aauth:bot@agent.example", STRICT);
        assertTrue(a.isIssuedBy(ServerIdentifier.parse("https://agent.example", STRICT)));
        assertFalse(a.isIssuedBy(ServerIdentifier.parse("https://other.example", STRICT)));
        assertFalse(a.isIssuedBy(ServerIdentifier.parse("https://sub.agent.example", STRICT)));
    }

    @Test
    @DisplayName("DEVELOPMENT: the domain may be a loopback host with a port, e.g. localhost:9080")
    void developmentAllowsLoopbackDomainWithPort() {
        AgentIdentifier a = AgentIdentifier.parse("aauth:demo@localhost:9080", DEVELOPMENT);
        assertEquals("localhost:9080", a.domain());
        assertTrue(a.isIssuedBy(ServerIdentifier.parse("http://localhost:9080", DEVELOPMENT)));
        assertFalse(a.isIssuedBy(ServerIdentifier.parse("http://localhost:9081", DEVELOPMENT)));
        assertTrue(AgentIdentifier.isValid("aauth:demo@127.0.0.1:9080", DEVELOPMENT));
        assertRejected("aauth:demo@localhost:9080", STRICT);
        assertRejected("aauth:Demo@localhost:9080", DEVELOPMENT);
        assertRejected("aauth:demo@localhost:9080/x", DEVELOPMENT);
    }
}
