package dev.aauth.id;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UrlRulesTest {

    // --- Endpoint URLs ---

    @Test
    void endpointUrlsFromTheDraftAreValid() {
        assertTrue(EndpointUrl.isValid("https://ps.example/token", STRICT));
        assertTrue(EndpointUrl.isValid("https://resource.example/authorize", STRICT));
        assertTrue(EndpointUrl.isValid("https://agent.example/callback", STRICT));
        assertTrue(EndpointUrl.isValid("https://ps.example:8443/token", STRICT));
        assertEquals(
                "/token", EndpointUrl.parse("https://ps.example/token", STRICT).uri().getPath());
    }

    @Test
    @DisplayName("Endpoint URLs: MUST use the https scheme")
    void endpointUrlMustUseHttps() {
        assertFalse(EndpointUrl.isValid("http://ps.example/token", STRICT));
        assertFalse(EndpointUrl.isValid("ftp://ps.example/token", STRICT));
        assertFalse(EndpointUrl.isValid("/token", STRICT));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                EndpointUrl.parse(
                                        "http://ps.example/token",
                                        STRICT,
                                        AAuthError.INVALID_AGENT_TOKEN));
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error());
    }

    @Test
    @DisplayName("Endpoint URLs: MUST NOT contain a fragment")
    void endpointUrlMustNotContainFragment() {
        assertFalse(EndpointUrl.isValid("https://ps.example/token#x", STRICT));
        assertFalse(EndpointUrl.isValid("https://ps.example/token#", STRICT));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> EndpointUrl.parse("https://ps.example/token#x", STRICT));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
    }

    @Test
    @DisplayName("Endpoint URLs: MUST NOT contain a query string")
    void endpointUrlMustNotContainQuery() {
        assertFalse(EndpointUrl.isValid("https://ps.example/token?a=b", STRICT));
        assertFalse(EndpointUrl.isValid("https://ps.example/token?", STRICT));
    }

    @Test
    void endpointUrlRefusesUserinfoIpLiteralsLoopbackAndNonAscii() {
        assertFalse(EndpointUrl.isValid("https://u:p@ps.example/token", STRICT));
        assertFalse(EndpointUrl.isValid("https://10.0.0.1/token", STRICT));
        assertFalse(EndpointUrl.isValid("https://localhost/token", STRICT));
        assertFalse(EndpointUrl.isValid("https://bücher.example/token", STRICT));
        assertFalse(EndpointUrl.isValid("https://ps.example/to ken", STRICT));
        assertFalse(EndpointUrl.isValid(null, STRICT));
    }

    @Test
    void endpointUrlInDevelopmentAllowsHttpAndLoopbackButStillNoQueryOrFragment() {
        assertTrue(EndpointUrl.isValid("http://localhost:9080/token", DEVELOPMENT));
        assertTrue(EndpointUrl.isValid("http://127.0.0.1:9080/token", DEVELOPMENT));
        assertFalse(EndpointUrl.isValid("http://localhost:9080/token?x=1", DEVELOPMENT));
        assertFalse(EndpointUrl.isValid("http://localhost:9080/token#x", DEVELOPMENT));
        assertFalse(EndpointUrl.isValid("http://10.0.0.1/token", DEVELOPMENT));
    }

    // --- Other URLs ---

    @Test
    @DisplayName(
            "Other URLs: jwks_uri, tos_uri, policy_uri, logo_uri, logo_dark_uri MUST use the https scheme")
    void otherUrlsMustUseHttps() {
        assertTrue(OtherUrl.isValid("https://agent.example/.well-known/jwks.json", STRICT));
        assertTrue(OtherUrl.isValid("https://agent.example/logo.png?v=2", STRICT));
        assertFalse(OtherUrl.isValid("http://agent.example/.well-known/jwks.json", STRICT));
        assertFalse(OtherUrl.isValid("data:image/png;base64,AAAA", STRICT));
        assertFalse(OtherUrl.isValid("javascript:alert(1)", STRICT));
        assertTrue(OtherUrl.isValid("http://localhost:9080/jwks", DEVELOPMENT));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                OtherUrl.parse(
                                        "http://agent.example/jwks",
                                        STRICT,
                                        AAuthError.UNKNOWN_KEY));
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
    }
}
