package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.AAuthConfigs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** "Resource Metadata", checked with the same parser a verifier uses. */
class ResourceMetadataTest {

    static MetadataDocument parse(Map<String, String> properties) {
        AAuthConfig config = AAuthConfigs.of(properties);
        ResourceSettings settings = ResourceConfigurationTest.of(properties).settings();
        byte[] body =
                JsonUtil.toJson(ResourceMetadataEndpoint.document(config.issuer(), settings))
                        .getBytes(StandardCharsets.UTF_8);
        return MetadataDocument.parse(
                body,
                ServerIdentifier.parse(config.issuer(), SecurityMode.STRICT),
                MetadataDocument.RESOURCE,
                SecurityMode.STRICT,
                AAuthError.INVALID_REQUEST);
    }

    @Test
    @DisplayName(
            "issuer, jwks_uri, client_name, authorization_endpoint, scope_descriptions, signature_window, additional_signature_components, revocation_endpoint")
    void everyMemberIsPublished() {
        MetadataDocument m =
                parse(
                        (Map.of(
                                "aauth.issuer",
                                "https://resource.example",
                                "aauth.roles",
                                "resource",
                                "aauth.resource.client-name",
                                "Example Data Service",
                                "aauth.resource.scopes",
                                "data.read=Read access to your data",
                                "aauth.resource.signature-window",
                                "30",
                                "aauth.resource.signature-components",
                                "content-type,content-digest")));
        assertEquals("https://resource.example/aauth/jwks.json", m.jwksUri());
        assertEquals("Example Data Service", m.clientName().orElseThrow());
        assertEquals(
                "https://resource.example/aauth/authorize",
                m.authorizationEndpoint().orElseThrow());
        assertEquals("https://resource.example/aauth/revoke", m.revocationEndpoint().orElseThrow());
        assertEquals(Map.of("data.read", "Read access to your data"), m.scopeDescriptions());
        assertEquals(30, m.signatureWindow());
        assertEquals(List.of("content-type", "content-digest"), m.additionalSignatureComponents());
    }

    @Test
    void optionalMembersAreLeftOutWhenNotConfigured() {
        MetadataDocument m = parse(Map.of("aauth.issuer", "https://resource.example"));
        assertFalse(m.clientName().isPresent());
        assertFalse(m.raw().containsKey("scope_descriptions"));
        assertFalse(m.raw().containsKey("additional_signature_components"));
        assertEquals(60, m.signatureWindow());
    }

    static Map<String, Object> draft11Document(String require) {
        Map<String, String> p =
                Map.of(
                        "aauth.issuer",
                        "https://resource.example",
                        "aauth.roles",
                        "resource",
                        "aauth.resource.client-name",
                        "Example Data Service",
                        "aauth.resource.scopes",
                        "data.read=Read access to your data",
                        "aauth.resource.default-scopes",
                        "data.read",
                        "aauth.resource.require",
                        require);
        return ResourceMetadataEndpoint.document(
                "https://resource.example",
                ResourceConfigurationTest.of(p).settings(),
                List.of(
                        dev.aauth.draft.AAuthProfile.DRAFT_01,
                        dev.aauth.draft.AAuthProfile.DRAFT_11));
    }

    @Test
    @DisplayName(
            "-11 \"name\" beside client_name, \"accept_signature_algs\" exactly the -11 set,"
                    + " \"access_mode\" auth-token when every endpoint needs an auth token")
    void draft11MembersBesideDraft01() {
        Map<String, Object> d = draft11Document("auth-token");
        assertEquals("Example Data Service", d.get("name"));
        assertEquals("Example Data Service", d.get("client_name"));
        assertEquals(List.of("Ed25519", "ES256"), d.get("accept_signature_algs"));
        assertEquals("auth-token", d.get("access_mode"));
        assertEquals("agent-token", draft11Document("identity").get("access_mode"));
    }

    @Test
    @DisplayName("-01 only: no -11 member is published")
    void draft01OnlyPublishesNoDraft11Member() {
        Map<String, String> p =
                Map.of("aauth.issuer", "https://resource.example", "aauth.roles", "resource");
        Map<String, Object> d =
                ResourceMetadataEndpoint.document(
                        "https://resource.example",
                        ResourceConfigurationTest.of(p).settings(),
                        List.of(dev.aauth.draft.AAuthProfile.DRAFT_01));
        assertFalse(d.containsKey("name"));
        assertFalse(d.containsKey("access_mode"));
        assertFalse(d.containsKey("accept_signature_algs"));
    }
}
