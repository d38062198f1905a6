package dev.aauth.discovery;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataDocumentTest {

    private static MetadataDocument parse(
            String json, String issuer, String dwk, SecurityMode mode) {
        return MetadataDocument.parse(
                json.getBytes(StandardCharsets.UTF_8),
                ServerIdentifier.parse(issuer, mode),
                dwk,
                mode,
                AAuthError.INVALID_JWT);
    }

    private static void assertRejected(String json, String issuer, SecurityMode mode) {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> parse(json, issuer, MetadataDocument.AGENT, mode));
        assertEquals(AAuthError.INVALID_JWT, e.error());
    }

    // --- the draft's four examples ---

    @Test
    @DisplayName("Agent Provider Metadata example of the draft parses")
    void agentProviderMetadataExample() {
        MetadataDocument md =
                parse(
                        """
                {
                  "issuer": "https://agent.example",
                  "jwks_uri": "https://agent.example/.well-known/jwks.json",
                  "client_name": "Example AI Assistant",
                  "logo_uri": "https://agent.example/logo.png",
                  "logo_dark_uri": "https://agent.example/logo-dark.png",
                  "callback_endpoint": "https://agent.example/callback",
                  "localhost_callback_allowed": true,
                  "tos_uri": "https://agent.example/tos",
                  "policy_uri": "https://agent.example/privacy"
                }""",
                        "https://agent.example",
                        MetadataDocument.AGENT,
                        STRICT);
        assertEquals("https://agent.example", md.issuer().value());
        assertEquals("https://agent.example/.well-known/jwks.json", md.jwksUri());
        assertEquals(Optional.of("Example AI Assistant"), md.clientName());
        assertEquals(Optional.of("https://agent.example/logo.png"), md.logoUri());
        assertEquals(Optional.of("https://agent.example/logo-dark.png"), md.logoDarkUri());
        assertEquals(Optional.of("https://agent.example/callback"), md.callbackEndpoint());
        assertEquals(Optional.of("https://agent.example/tos"), md.tosUri());
        assertEquals(Optional.of("https://agent.example/privacy"), md.policyUri());
        assertTrue(md.localhostCallbackAllowed());
        assertEquals(MetadataDocument.AGENT, md.dwk());
    }

    @Test
    @DisplayName("Person Server Metadata example of the draft parses")
    void personServerMetadataExample() {
        MetadataDocument md =
                parse(
                        """
                {
                  "issuer": "https://ps.example",
                  "token_endpoint": "https://ps.example/token",
                  "mission_endpoint": "https://ps.example/mission",
                  "permission_endpoint": "https://ps.example/permission",
                  "audit_endpoint": "https://ps.example/audit",
                  "interaction_endpoint": "https://ps.example/interaction",
                  "mission_control_endpoint": "https://ps.example/mission-control",
                  "jwks_uri": "https://ps.example/.well-known/jwks.json",
                  "scopes_supported": ["openid", "profile", "email", "tenant"],
                  "claims_supported": ["sub", "email", "name"]
                }""",
                        "https://ps.example",
                        MetadataDocument.PERSON,
                        STRICT);
        assertEquals(Optional.of("https://ps.example/token"), md.tokenEndpoint());
        assertEquals(Optional.of("https://ps.example/mission"), md.missionEndpoint());
        assertEquals(Optional.of("https://ps.example/permission"), md.permissionEndpoint());
        assertEquals(Optional.of("https://ps.example/audit"), md.auditEndpoint());
        assertEquals(Optional.of("https://ps.example/interaction"), md.interactionEndpoint());
        assertEquals(
                Optional.of("https://ps.example/mission-control"), md.missionControlEndpoint());
        assertEquals(List.of("openid", "profile", "email", "tenant"), md.scopesSupported());
        assertEquals(List.of("sub", "email", "name"), md.claimsSupported());
        assertFalse(md.localhostCallbackAllowed());
    }

    @Test
    @DisplayName("Access Server Metadata example of the draft parses")
    void accessServerMetadataExample() {
        MetadataDocument md =
                parse(
                        """
                {
                  "issuer": "https://as.resource.example",
                  "token_endpoint": "https://as.resource.example/token",
                  "jwks_uri": "https://as.resource.example/.well-known/jwks.json",
                  "revocation_endpoint": "https://as.resource.example/revoke"
                }""",
                        "https://as.resource.example",
                        MetadataDocument.ACCESS,
                        STRICT);
        assertEquals(Optional.of("https://as.resource.example/token"), md.tokenEndpoint());
        assertEquals(Optional.of("https://as.resource.example/revoke"), md.revocationEndpoint());
        assertEquals(Optional.empty(), md.clientName());
        assertEquals(List.of(), md.scopesSupported());
    }

    @Test
    @DisplayName("Resource Metadata example of the draft parses")
    void resourceMetadataExample() {
        MetadataDocument md =
                parse(
                        """
                {
                  "issuer": "https://resource.example",
                  "jwks_uri": "https://resource.example/.well-known/jwks.json",
                  "client_name": "Example Data Service",
                  "logo_uri": "https://resource.example/logo.png",
                  "logo_dark_uri": "https://resource.example/logo-dark.png",
                  "authorization_endpoint": "https://resource.example/authorize",
                  "scope_descriptions": {
                    "data.read": "Read access to your data and documents",
                    "data.write": "Create and update your data and documents",
                    "data.delete": "Permanently delete your data and documents"
                  },
                  "additional_signature_components": ["content-type", "content-digest"],
                  "x-extension": {"kept": true}
                }""",
                        "https://resource.example",
                        MetadataDocument.RESOURCE,
                        STRICT);
        assertEquals(Optional.of("https://resource.example/authorize"), md.authorizationEndpoint());
        assertEquals(
                "Read access to your data and documents", md.scopeDescriptions().get("data.read"));
        assertEquals(3, md.scopeDescriptions().size());
        assertEquals(List.of("content-type", "content-digest"), md.additionalSignatureComponents());
        assertEquals(MetadataDocument.DEFAULT_SIGNATURE_WINDOW, md.signatureWindow());
        assertEquals(Map.of("kept", true), md.raw().get("x-extension"));
    }

    @Test
    void signatureWindowIsRead() {
        MetadataDocument md =
                parse(
                        "{\"issuer\":\"https://r.example\",\"jwks_uri\":\"https://r.example/j\","
                                + "\"signature_window\":300}",
                        "https://r.example",
                        MetadataDocument.RESOURCE,
                        STRICT);
        assertEquals(300, md.signatureWindow());
    }

    // --- issuer ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example",
                "https://agent.example/",
                "https://Agent.example",
                "https://agent.example:443",
                "http://agent.example",
                " https://agent.example"
            })
    @DisplayName(
            "issuer MUST match the URL used to fetch the metadata document (exact string comparison)")
    void issuerMustMatchTheUrlUsedToFetchTheMetadata(String issuer) {
        assertRejected(
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"https://agent.example/jwks\"}",
                "https://agent.example",
                STRICT);
    }

    @Test
    @DisplayName("issuer (REQUIRED)")
    void issuerIsRequired() {
        assertRejected(
                "{\"jwks_uri\":\"https://agent.example/jwks\"}", "https://agent.example", STRICT);
        assertRejected(
                "{\"issuer\":null,\"jwks_uri\":\"https://agent.example/jwks\"}",
                "https://agent.example",
                STRICT);
        assertRejected(
                "{\"issuer\":[\"https://agent.example\"],\"jwks_uri\":\"https://agent.example/jwks\"}",
                "https://agent.example",
                STRICT);
    }

    // --- URL members ---

    @Test
    @DisplayName("jwks_uri (REQUIRED) MUST use the https scheme")
    void jwksUriIsRequiredAndHttps() {
        assertRejected("{\"issuer\":\"https://agent.example\"}", "https://agent.example", STRICT);
        assertRejected(
                "{\"issuer\":\"https://agent.example\",\"jwks_uri\":\"http://agent.example/jwks\"}",
                "https://agent.example",
                STRICT);
        assertRejected(
                "{\"issuer\":\"https://agent.example\",\"jwks_uri\":42}",
                "https://agent.example",
                STRICT);
        assertEquals(
                "http://localhost:9080/jwks",
                parse(
                                "{\"issuer\":\"http://localhost:9080\","
                                        + "\"jwks_uri\":\"http://localhost:9080/jwks\"}",
                                "http://localhost:9080",
                                MetadataDocument.AGENT,
                                DEVELOPMENT)
                        .jwksUri());
    }

    @Test
    @DisplayName(
            "token_endpoint, authorization_endpoint, mission_endpoint, callback_endpoint: no query, no fragment")
    void endpointUrlsFollowTheEndpointRules() {
        for (String member :
                new String[] {
                    "token_endpoint",
                    "authorization_endpoint",
                    "mission_endpoint",
                    "callback_endpoint"
                }) {
            for (String bad :
                    new String[] {
                        "https://agent.example/x?y=1",
                        "https://agent.example/x#f",
                        "http://agent.example/x"
                    }) {
                assertRejected(
                        "{\"issuer\":\"https://agent.example\",\"jwks_uri\":\"https://agent.example/j\",\""
                                + member
                                + "\":\""
                                + bad
                                + "\"}",
                        "https://agent.example",
                        STRICT);
            }
        }
    }

    @Test
    @DisplayName(
            "logo_uri, logo_dark_uri, tos_uri, policy_uri and the other endpoints MUST use https")
    void otherUrlsMustBeHttps() {
        for (String member :
                new String[] {
                    "logo_uri",
                    "logo_dark_uri",
                    "tos_uri",
                    "policy_uri",
                    "revocation_endpoint",
                    "permission_endpoint",
                    "audit_endpoint",
                    "interaction_endpoint",
                    "mission_control_endpoint",
                    "login_endpoint"
                }) {
            assertRejected(
                    "{\"issuer\":\"https://agent.example\",\"jwks_uri\":\"https://agent.example/j\",\""
                            + member
                            + "\":\"javascript:alert(1)\"}",
                    "https://agent.example",
                    STRICT);
        }
    }

    // --- types ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"signature_window\":\"60\"",
                "\"signature_window\":0",
                "\"signature_window\":-5",
                "\"signature_window\":1.5",
                "\"signature_window\":99999999999",
                "\"scope_descriptions\":[\"a\"]",
                "\"scope_descriptions\":{\"a\":1}",
                "\"localhost_callback_allowed\":\"true\"",
                "\"additional_signature_components\":\"content-digest\"",
                "\"scopes_supported\":[1]",
                "\"claims_supported\":[null]",
                "\"client_name\":7",
                "\"client_name\":null"
            })
    @DisplayName("known members must have their documented JSON types")
    void knownMembersMustHaveTheirTypes(String member) {
        assertRejected(
                "{\"issuer\":\"https://agent.example\",\"jwks_uri\":\"https://agent.example/j\","
                        + member
                        + "}",
                "https://agent.example",
                STRICT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "\"x\"",
                "{",
                "{\"issuer\":\"https://agent.example\",\"issuer\":\"https://agent.example\","
                        + "\"jwks_uri\":\"https://agent.example/j\"}",
                "null"
            })
    @DisplayName("the document must be one JSON object without duplicate members")
    void documentMustBeOneJsonObject(String json) {
        assertRejected(json, "https://agent.example", STRICT);
    }

    // --- dwk ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aauth-agent.json",
                "aauth-resource.json",
                "aauth-person.json",
                "aauth-access.json",
                "example-configuration",
                "openid-configuration"
            })
    void simpleFileNamesAreValidDwk(String dwk) {
        assertTrue(MetadataDocument.isValidDwk(dwk));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                "../jwks",
                "a/b",
                "/etc/passwd",
                ".hidden",
                "a..b",
                "%2e%2e",
                "a?b",
                "a#b",
                "a b",
                "aauth-agent.json/",
                "a\\b"
            })
    @DisplayName("dwk must be a simple file name: no '/', no '..'")
    void dwkMustBeASimpleFileName(String dwk) {
        assertFalse(MetadataDocument.isValidDwk(dwk));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> MetadataDocument.requireDwk(dwk, AAuthError.INVALID_AGENT_TOKEN));
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error());
    }

    @Test
    void nullDwkIsInvalidAndUrlIsIssuerWellKnownDwk() {
        assertFalse(MetadataDocument.isValidDwk(null));
        assertEquals(
                "https://agent.example/.well-known/aauth-agent.json",
                MetadataDocument.url(
                        ServerIdentifier.parse("https://agent.example", STRICT),
                        MetadataDocument.AGENT,
                        AAuthError.INVALID_JWT));
    }
}
