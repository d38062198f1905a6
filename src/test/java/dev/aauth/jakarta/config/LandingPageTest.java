package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LandingPageTest {

    private static List<String> hrefs(Map<String, String> properties) {
        return LandingPage.links(AAuthConfigs.of(properties)).stream()
                .map(LandingPage.Link::href)
                .toList();
    }

    @Test
    void thePersonOriginLinksTheDemoTheAccountAndBothMetadataDocuments() {
        assertEquals(
                List.of(
                        "/demo",
                        "/account",
                        "/.well-known/aauth-person.json",
                        "/.well-known/aauth-agent.json",
                        "/aauth/jwks.json",
                        "/aauth/info",
                        "/health"),
                hrefs(
                        Map.of(
                                "aauth.issuer", "http://localhost:9080",
                                "aauth.security-mode", "DEVELOPMENT",
                                "aauth.roles", "person-server,agent-provider,agent",
                                "aauth.agent.name", "backend",
                                "aauth.demo.supply-chain-url", "http://localhost:9081")));
    }

    @Test
    void aResourceOriginLinksItsMetadataAndNoPersonPages() {
        List<String> hrefs =
                hrefs(
                        Map.of(
                                "aauth.issuer", "https://market.example",
                                "aauth.roles", "resource"));
        assertEquals(
                List.of(
                        "/.well-known/aauth-resource.json",
                        "/aauth/jwks.json",
                        "/aauth/info",
                        "/health"),
                hrefs);
    }

    @Test
    void configuredTextIsEscaped() {
        String html =
                LandingPage.render(
                        AAuthConfigs.of(
                                Map.of(
                                        "aauth.issuer", "https://market.example",
                                        "aauth.roles", "resource")),
                        new ResourceDescription() {
                            @Override
                            public java.util.Optional<String> clientName() {
                                return java.util.Optional.of("<script>x</script>");
                            }

                            @Override
                            public Map<String, String> scopeDescriptions() {
                                return Map.of("a:read", "Read \"&\" <b>");
                            }
                        });
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
        assertTrue(html.contains("Read &quot;&amp;&quot; &lt;b&gt;"), html);
    }
}
