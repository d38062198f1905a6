package dev.aauth.jakarta.agentprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AgentProviderSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentMetadataTest {

    @Test
    @DisplayName(
            "Agent Provider Metadata: issuer and jwks_uri REQUIRED; read back by the project's own discovery parser")
    void agentMetadataPassesDiscovery() {
        AgentProviderSettings ap =
                new AgentProviderSettings(
                        Optional.of("Demo agents"),
                        Optional.of("https://ap.example/logo.png"),
                        Optional.empty(),
                        true,
                        Optional.empty(),
                        Duration.ofHours(1),
                        Map.of());
        Map<String, Object> doc = AgentMetadataEndpoint.document("https://ap.example", ap);
        MetadataDocument m =
                MetadataDocument.parse(
                        doc,
                        ServerIdentifier.parse("https://ap.example", SecurityMode.STRICT),
                        MetadataDocument.AGENT,
                        SecurityMode.STRICT,
                        AAuthError.INVALID_KEY);
        assertEquals("https://ap.example/aauth/jwks.json", m.jwksUri());
        assertEquals(Optional.of("Demo agents"), m.clientName());
        assertEquals(Optional.of("https://ap.example/logo.png"), m.logoUri());
        assertTrue(m.localhostCallbackAllowed());
        assertFalse(doc.containsKey("callback_endpoint"));
    }
}
