package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.config.AAuthConfigs;
import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resource role's settings ({@link ResourceConfiguration}), moved out of config. */
class ResourceConfigurationTest {

    /** The resource configuration of {@code properties} (with the origin's AAuthConfig). */
    static ResourceConfiguration of(Map<String, String> properties) {
        return new ResourceConfiguration(
                name -> Optional.ofNullable(properties.get(name)), AAuthConfigs.of(properties));
    }

    static ResourceConfiguration resource(String... namesAndValues) {
        Map<String, String> p = new HashMap<>();
        p.put("aauth.issuer", "https://resource.example");
        p.put("aauth.roles", "resource");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(p);
    }

    private static void rejected(String property, String... namesAndValues) {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> resource(namesAndValues));
        assertTrue(e.getMessage().startsWith(property), e.getMessage());
    }

    @Test
    @DisplayName(
            "the walkthrough's resource configuration: supported scopes, descriptions, default scopes, access.require")
    void walkthroughResourceConfiguration() {
        ResourceSettings r =
                resource(
                                "aauth.resource.scopes",
                                        "supply-chain:check=Check supply chain; supply-chain:read=Read supply chain;supply-chain:optimize=Optimize supply chain",
                                "aauth.resource.default-scopes",
                                        "supply-chain:check supply-chain:read",
                                "aauth.resource.require", "auth-token",
                                "aauth.resource.signature-key-schemes", "jwt",
                                "aauth.resource.jwt-types", "aa-agent+jwt, aa-auth+jwt")
                        .settings();
        assertEquals(
                List.of("supply-chain:check", "supply-chain:read", "supply-chain:optimize"),
                r.supportedScopes());
        assertEquals("Read supply chain", r.scopeDescriptions().get("supply-chain:read"));
        assertEquals(List.of("supply-chain:check", "supply-chain:read"), r.defaultScopes());
        assertEquals(AccessLevel.AUTH_TOKEN, r.require());
        assertEquals(Set.of("jwt"), r.signatureKeySchemes());
        assertEquals(EnumSet.of(TokenType.AGENT, TokenType.AUTH), r.jwtTypes());
    }

    @Test
    @DisplayName(
            "defaults: identity level, jwt only, agent and auth tokens, a 60 s window, any Person Server")
    void resourceDefaults() {
        ResourceSettings r = resource().settings();
        assertEquals(AccessLevel.IDENTITY, r.require());
        assertEquals(Set.of("jwt"), r.signatureKeySchemes());
        assertEquals(EnumSet.of(TokenType.AGENT, TokenType.AUTH), r.jwtTypes());
        assertEquals(Duration.ofSeconds(60), r.signatureWindow());
        assertEquals(List.of(), r.signatureComponents());
        assertTrue(r.trusts("https://any-ps.example"));
        assertEquals(Optional.empty(), r.accessServer());
        assertEquals(Optional.empty(), r.clientName());
    }

    @Test
    void scopeWithoutDescriptionIsDescribedByItsName() {
        assertEquals(
                Map.of("data.read", "data.read"),
                resource("aauth.resource.scopes", "data.read").settings().scopeDescriptions());
    }

    @Test
    void trustedPersonServersRestrictAuthTokenIssuers() {
        ResourceSettings r =
                resource(
                                "aauth.resource.trusted-person-servers",
                                "https://ps.example, https://ps2.example")
                        .settings();
        assertTrue(r.trusts("https://ps2.example"));
        assertFalse(r.trusts("https://evil.example"));
    }

    @Test
    void windowComponentsAccessServerAndClientName() {
        ResourceSettings r =
                resource(
                                "aauth.resource.signature-window",
                                "30",
                                "aauth.resource.signature-components",
                                "content-type, content-digest",
                                "aauth.resource.access-server",
                                "https://as.example",
                                "aauth.resource.client-name",
                                "Example Data Service")
                        .settings();
        assertEquals(Duration.ofSeconds(30), r.signatureWindow());
        assertEquals(List.of("content-type", "content-digest"), r.signatureComponents());
        assertEquals(Optional.of("https://as.example"), r.accessServer());
        assertEquals(Optional.of("Example Data Service"), r.clientName());
    }

    @Test
    void pathRulesAreParsed() {
        ResourceSettings r =
                resource(
                                "aauth.resource.scopes",
                                "a:read",
                                "aauth.resource.protect",
                                "GET /api/a=auth-token:a:read; * /status=identity")
                        .settings();
        assertEquals(2, r.protect().size());
        assertEquals(List.of("a:read"), r.protect().get(0).protection().scopes());
    }

    @Test
    @DisplayName(
            "\"A resource token MUST only include resource scopes that the resource has defined in its scope_descriptions\"")
    void defaultScopeMustBeSupported() {
        rejected(
                "aauth.resource.default-scopes",
                "aauth.resource.scopes",
                "a:read",
                "aauth.resource.default-scopes",
                "a:write");
    }

    @Test
    void identityScopesNeedNoDescription() {
        assertEquals(
                List.of("openid", "email"),
                resource("aauth.resource.default-scopes", "openid email")
                        .settings()
                        .defaultScopes());
    }

    @Test
    void pathRuleScopeMustBeSupported() {
        rejected("aauth.resource.protect", "aauth.resource.protect", "GET /x=auth-token:a:write");
    }

    @Test
    @DisplayName("require=auth-token without default scopes: a resource token needs a scope")
    void authTokenFloorNeedsDefaultScopes() {
        rejected("aauth.resource.require", "aauth.resource.require", "auth-token");
    }

    @Test
    void malformedValuesAreRejectedNamingTheProperty() {
        rejected("aauth.resource.require", "aauth.resource.require", "bearer");
        rejected("aauth.resource.protect", "aauth.resource.protect", "GET api/x=identity");
        rejected(
                "aauth.resource.trusted-person-servers",
                "aauth.resource.trusted-person-servers",
                "http://ps.example");
        rejected(
                "aauth.resource.access-server",
                "aauth.resource.access-server",
                "https://as.example/path");
        rejected(
                "aauth.resource.signature-key-schemes",
                "aauth.resource.signature-key-schemes",
                "x509");
        rejected(
                "aauth.resource.signature-key-schemes",
                "aauth.resource.signature-key-schemes",
                " , ");
        rejected("aauth.resource.jwt-types", "aauth.resource.jwt-types", "aa-resource+jwt");
        rejected("aauth.resource.signature-window", "aauth.resource.signature-window", "0");
        rejected("aauth.resource.signature-window", "aauth.resource.signature-window", "a minute");
        rejected(
                "aauth.resource.signature-components",
                "aauth.resource.signature-components",
                "Content-Digest");
        rejected("aauth.resource.scopes", "aauth.resource.scopes", "a b=two words");
        rejected("aauth.resource.scopes", "aauth.resource.scopes", "a=1;a=2");
    }

    @Test
    @DisplayName(
            "per protected host: its identifier (iss, aud, @authority), its own scopes and rules, the rest the origin's")
    void hostsHaveTheirOwnIdentifierScopesAndRules() {
        ResourceConfiguration c =
                resource(
                        "aauth.resource.scopes", "a:read",
                        "aauth.resource.trusted-person-servers", "https://ps.example",
                        "aauth.resource.hosts", "supply, market",
                        "aauth.resource.host.supply.identifier", "https://supply.example",
                        "aauth.resource.host.supply.scopes", "s:read=Read",
                        "aauth.resource.host.supply.protect", "* /api/*=auth-token:s:read",
                        "aauth.resource.host.market.identifier", "https://market.example");
        assertEquals(3, c.hosts().size());
        ProtectedHost supply = c.host("https", "SUPPLY.example").orElseThrow();
        assertEquals("supply", supply.name());
        assertEquals("https://supply.example", supply.identifier());
        assertEquals(List.of("s:read"), supply.settings().supportedScopes());
        assertEquals(1, supply.settings().protect().size());
        assertTrue(supply.settings().trusts("https://ps.example"));
        assertFalse(supply.settings().trusts("https://other.example"));
        assertEquals(
                "https://supply.example",
                c.host("https", "supply.example:443").orElseThrow().identifier());
        ProtectedHost market = c.host(null, "market.example:443").orElseThrow();
        assertEquals(List.of("a:read"), market.settings().supportedScopes());
        assertTrue(market.settings().protect().isEmpty());
        assertTrue(c.host("https", "market.example:8443").isEmpty());
        assertTrue(c.host("http", "supply.example").isEmpty());
        assertTrue(c.host("https", "evil.example").isEmpty());
        assertTrue(c.origin().isOrigin());
        assertEquals(
                "https://resource.example",
                c.host("https", "resource.example").orElseThrow().identifier());
    }

    @Test
    void hostsAreValidated() {
        rejected("aauth.resource.hosts", "aauth.resource.hosts", "Supply");
        rejected("aauth.resource.host.s.identifier", "aauth.resource.hosts", "s");
        rejected(
                "aauth.resource.host.s.identifier",
                "aauth.resource.hosts",
                "s",
                "aauth.resource.host.s.identifier",
                "https://s.example/path");
        rejected(
                "aauth.resource.host.s.identifier",
                "aauth.resource.hosts",
                "s",
                "aauth.resource.host.s.identifier",
                "https://resource.example");
        rejected(
                "aauth.resource.host.s.protect",
                "aauth.resource.hosts",
                "s",
                "aauth.resource.host.s.identifier",
                "https://s.example",
                "aauth.resource.host.s.protect",
                "GET /x=auth-token:unknown");
        rejected(
                "aauth.resource.host.s.require",
                "aauth.resource.hosts",
                "s",
                "aauth.resource.host.s.identifier",
                "https://s.example",
                "aauth.resource.host.s.require",
                "auth-token");
    }
}
