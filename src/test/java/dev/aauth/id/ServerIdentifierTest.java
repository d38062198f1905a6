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

class ServerIdentifierTest {

    private static void assertRejected(String value, SecurityMode mode) {
        assertFalse(ServerIdentifier.isValid(value, mode), value);
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> ServerIdentifier.parse(value, mode, AAuthError.INVALID_JWT));
        assertEquals(AAuthError.INVALID_JWT, e.error());
    }

    // --- the draft's valid examples ---

    @Test
    @DisplayName("valid: https://agent.example")
    void draftValidExampleAgentExample() {
        ServerIdentifier id = ServerIdentifier.parse("https://agent.example", STRICT);
        assertEquals("https://agent.example", id.value());
        assertEquals("agent.example", id.host());
        assertEquals(-1, id.port());
        assertEquals("https", id.scheme());
    }

    @Test
    @DisplayName("valid: https://xn--nxasmq6b.example (internationalized domain in ACE form)")
    void draftValidExampleAceDomain() {
        assertTrue(ServerIdentifier.isValid("https://xn--nxasmq6b.example", STRICT));
    }

    // --- the draft's invalid examples ---

    @Test
    @DisplayName("invalid: http://agent.example (not HTTPS) - MUST use the https scheme")
    void serverIdentifierMustUseHttpsScheme() {
        assertRejected("http://agent.example", STRICT);
    }

    @Test
    @DisplayName("invalid: https://Agent.Example (not lowercase) - MUST be lowercase")
    void serverIdentifierMustBeLowercase() {
        assertRejected("https://Agent.Example", STRICT);
        assertRejected("HTTPS://agent.example", STRICT);
    }

    @Test
    @DisplayName("invalid: https://agent.example:8443 (contains port)")
    void serverIdentifierMustNotContainPort() {
        assertRejected("https://agent.example:8443", STRICT);
        assertRejected("https://agent.example:443", STRICT);
    }

    @Test
    @DisplayName("invalid: https://agent.example/v1 (contains path)")
    void serverIdentifierMustNotContainPath() {
        assertRejected("https://agent.example/v1", STRICT);
    }

    @Test
    @DisplayName(
            "invalid: https://agent.example/ (trailing slash) - MUST NOT include a trailing slash")
    void serverIdentifierMustNotIncludeTrailingSlash() {
        assertRejected("https://agent.example/", STRICT);
    }

    // --- the rest of the list ---

    @Test
    @DisplayName("MUST contain only scheme and host (no query)")
    void serverIdentifierMustNotContainQuery() {
        assertRejected("https://agent.example?x=1", STRICT);
        assertRejected("https://agent.example?", STRICT);
    }

    @Test
    @DisplayName("MUST contain only scheme and host (no fragment)")
    void serverIdentifierMustNotContainFragment() {
        assertRejected("https://agent.example#f", STRICT);
        assertRejected("https://agent.example#", STRICT);
    }

    @Test
    @DisplayName("MUST contain only scheme and host (no userinfo)")
    void serverIdentifierMustNotContainUserinfo() {
        assertRejected("https://user@agent.example", STRICT);
        assertRejected("https://user:pw@agent.example", STRICT);
    }

    @Test
    @DisplayName(
            "Internationalized domain names MUST use the ASCII-Compatible Encoding (ACE) form (A-labels)")
    void internationalizedDomainNamesMustUseAceForm() {
        assertRejected("https://βόλοσ.example", STRICT);
        assertRejected("https://bücher.example", DEVELOPMENT);
        assertRejected("https://xn--a.example", STRICT); // not decodable Punycode
        assertRejected("https://XN--NXASMQ6B.example", STRICT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://",
                "https://.example",
                "https://agent..example",
                "https://agent.example.",
                "https://-agent.example",
                "https://agent-.example",
                "https://ag_ent.example",
                "https://ag ent.example",
                "https://agent",
                "https://192.0.2.1",
                "https://[2001:db8::1]",
                "https://localhost",
                "https://api.localhost",
                "https://127.0.0.1",
                "agent.example",
                "//agent.example",
                "ftp://agent.example",
                "https:agent.example"
            })
    @DisplayName(
            "host must be valid DNS host name syntax (fully qualified, not an IP literal, not loopback)")
    void hostMustBeValidDnsHostName(String value) {
        assertRejected(value, STRICT);
    }

    @Test
    @DisplayName("DNS length limits: labels <= 63, name <= 253")
    void dnsLengthLimits() {
        String label63 = "a".repeat(63);
        assertTrue(ServerIdentifier.isValid("https://" + label63 + ".example", STRICT));
        assertRejected("https://" + label63 + "a.example", STRICT);
        String longHost = (label63 + ".").repeat(4) + "example"; // 256 + 7 > 253
        assertRejected("https://" + longHost, STRICT);
    }

    @Test
    void nullIsRejected() {
        assertRejected(null, STRICT);
    }

    @Test
    @DisplayName("Implementations MUST perform exact string comparison on server identifiers")
    void serverIdentifiersCompareByExactString() {
        ServerIdentifier a = ServerIdentifier.parse("https://agent.example", STRICT);
        assertEquals(a, ServerIdentifier.parse("https://agent.example", STRICT));
        assertNotEquals(a, ServerIdentifier.parse("https://www.agent.example", STRICT));
        assertTrue(a.matches("https://agent.example"));
        assertFalse(a.matches("https://agent.example/"));
        assertFalse(a.matches("https://AGENT.example"));
    }

    @Test
    void defaultFailureCodeIsInvalidRequest() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> ServerIdentifier.parse("http://a.example", STRICT));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
    }

    @Test
    void wellKnownUrlIsIssuerPlusDwk() {
        assertEquals(
                "https://agent.example/.well-known/aauth-agent.json",
                ServerIdentifier.parse("https://agent.example", STRICT)
                        .wellKnown("aauth-agent.json"));
    }

    // --- DEVELOPMENT mode ---

    @Test
    @DisplayName("DEVELOPMENT allows http, an explicit port and loopback hosts")
    void developmentAllowsHttpPortAndLoopback() {
        ServerIdentifier id = ServerIdentifier.parse("http://localhost:9080", DEVELOPMENT);
        assertEquals("http", id.scheme());
        assertEquals("localhost", id.host());
        assertEquals(9080, id.port());
        assertEquals("localhost:9080", id.authority());
        assertTrue(ServerIdentifier.isValid("http://127.0.0.1:8080", DEVELOPMENT));
        assertTrue(ServerIdentifier.isValid("https://localhost", DEVELOPMENT));
        assertTrue(ServerIdentifier.isValid("http://[::1]:9443", DEVELOPMENT));
        assertTrue(ServerIdentifier.isValid("http://agent.example", DEVELOPMENT));
        assertTrue(ServerIdentifier.isValid("https://agent.example:8443", DEVELOPMENT));
        assertEquals("[::1]", ServerIdentifier.parse("http://[::1]:9443", DEVELOPMENT).host());
        assertEquals(9443, ServerIdentifier.parse("http://[::1]:9443", DEVELOPMENT).port());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:9080/",
                "http://localhost:9080/v1",
                "http://localhost:9080?x",
                "http://localhost:9080#x",
                "http://LOCALHOST:9080",
                "http://Agent.example",
                "http://localhost:0",
                "http://localhost:65536",
                "http://localhost:08080",
                "http://localhost:",
                "http://u@localhost",
                "http://192.168.1.10",
                "http://10.0.0.1:80",
                "http://agent",
                "ftp://localhost"
            })
    @DisplayName(
            "DEVELOPMENT relaxes nothing else: no path, query, fragment, trailing slash, uppercase, userinfo, other IPs")
    void developmentRelaxesNothingElse(String value) {
        assertRejected(value, DEVELOPMENT);
    }
}
