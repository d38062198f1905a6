package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.SecurityMode;
import dev.aauth.personserver.PersonServerSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AAuthConfigTest {

    private static AAuthConfig config(Map<String, String> properties) {
        return new AAuthConfig(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    @DisplayName("aauth.profiles: each origin serves both drafts by default, draft-01 preferred")
    void bothDraftsAreServedByDefaultDraft01First() {
        AAuthConfig c = config(Map.of("aauth.issuer", "https://ps.example"));
        assertEquals(List.of(AAuthProfile.DRAFT_01, AAuthProfile.DRAFT_11), c.profiles());
        assertTrue(c.serves(AAuthProfile.DRAFT_11));
    }

    @Test
    void profilesKeepTheirOrderAndMayNameOneDraft() {
        assertEquals(
                List.of(AAuthProfile.DRAFT_11, AAuthProfile.DRAFT_01),
                config(
                                Map.of(
                                        "aauth.issuer",
                                        "https://ps.example",
                                        "aauth.profiles",
                                        " draft-11 , DRAFT-01"))
                        .profiles());
        AAuthConfig only01 =
                config(Map.of("aauth.issuer", "https://ps.example", "aauth.profiles", "draft-01"));
        assertEquals(List.of(AAuthProfile.DRAFT_01), only01.profiles());
        assertFalse(only01.serves(AAuthProfile.DRAFT_11));
    }

    @Test
    void unknownOrRepeatedProfileIsRejectedNamingTheProperty() {
        for (String raw : List.of("draft-07", "draft-01,draft-01", ",")) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    config(
                                            Map.of(
                                                    "aauth.issuer",
                                                    "https://ps.example",
                                                    "aauth.profiles",
                                                    raw)),
                            raw);
            assertTrue(e.getMessage().contains("aauth.profiles"), e.getMessage());
        }
    }

    @Test
    void securityModeDefaultsToStrict() {
        assertEquals(
                SecurityMode.STRICT,
                config(Map.of("aauth.issuer", "https://ps.example")).securityMode());
    }

    @Test
    void developmentModeIsReadCaseInsensitively() {
        assertEquals(
                SecurityMode.DEVELOPMENT,
                config(
                                Map.of(
                                        "aauth.issuer",
                                        "http://localhost:9081",
                                        "aauth.security-mode",
                                        " development "))
                        .securityMode());
    }

    @Test
    void unknownSecurityModeIsRejectedNamingTheProperty() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                config(
                                        Map.of(
                                                "aauth.issuer",
                                                "https://ps.example",
                                                "aauth.security-mode",
                                                "LAX")));
        assertTrue(e.getMessage().startsWith("aauth.security-mode"), e.getMessage());
    }

    @Test
    void rolesAreParsedFromACommaSeparatedList() {
        AAuthConfig c =
                config(
                        Map.of(
                                "aauth.issuer",
                                "https://ps.example",
                                "aauth.roles",
                                "person-server, agent-provider,agent",
                                "aauth.agent.name",
                                "backend"));
        assertEquals(EnumSet.of(Role.PERSON_SERVER, Role.AGENT_PROVIDER, Role.AGENT), c.roles());
        assertTrue(c.hasRole(Role.AGENT));
    }

    @Test
    void noRolesMeansAnEmptySet() {
        assertEquals(Set.of(), config(Map.of("aauth.issuer", "https://ps.example")).roles());
    }

    @Test
    void unknownRoleIsRejectedNamingTheProperty() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                config(
                                        Map.of(
                                                "aauth.issuer",
                                                "https://ps.example",
                                                "aauth.roles",
                                                "resource,Person-Server")));
        assertTrue(
                e.getMessage().startsWith("aauth.roles: unknown role 'Person-Server'"),
                e.getMessage());
    }

    @Test
    void issuerIsRequired() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> config(Map.of("aauth.roles", "resource")));
        assertTrue(e.getMessage().startsWith("aauth.issuer is required"), e.getMessage());
    }

    @Test
    void blankIssuerCountsAsMissing() {
        assertThrows(IllegalStateException.class, () -> config(Map.of("aauth.issuer", "  ")));
    }

    @Test
    void issuerIsKeptAsConfigured() {
        assertEquals(
                "https://resource.example",
                config(Map.of("aauth.issuer", "https://resource.example")).issuer());
    }

    // ---------------------------------------------------------------- resource settings

    private static AAuthConfig resource(String... namesAndValues) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("aauth.issuer", "https://resource.example");
        p.put("aauth.roles", "resource");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return config(p);
    }

    private static void rejected(String property, String... namesAndValues) {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> resource(namesAndValues));
        assertTrue(e.getMessage().startsWith(property), e.getMessage());
    }

    @Test
    @DisplayName(
            "issue 12 limits: body digest required, replay cache 100000, 600 token requests a minute, 100 open requests per agent by default")
    void issue12Defaults() {
        AAuthConfig c = resource();
        assertTrue(c.resourceRequiresBodyDigest());
        assertEquals(100_000, c.replayMaxEntries());
        assertEquals(600, c.tokenRate());
        assertEquals(100, c.maxPendingPerAgent());
        assertEquals(100, c.maxPendingPerPerson());
        assertEquals(16, c.maxConcurrentFetches());
        AAuthConfig set =
                resource(
                        AAuthConfig.RESOURCE_REQUIRE_BODY_DIGEST, "false",
                        AAuthConfig.REPLAY_MAX_ENTRIES, "5",
                        AAuthConfig.PS_TOKEN_RATE, "7",
                        AAuthConfig.PS_MAX_PENDING_PER_AGENT, "3",
                        AAuthConfig.PS_MAX_PENDING_PER_PERSON, "4",
                        AAuthConfig.OUTBOUND_MAX_CONCURRENT_FETCHES, "2");
        assertFalse(set.resourceRequiresBodyDigest());
        assertEquals(5, set.replayMaxEntries());
        assertEquals(7, set.tokenRate());
        assertEquals(3, set.maxPendingPerAgent());
        assertEquals(4, set.maxPendingPerPerson());
        assertEquals(2, set.maxConcurrentFetches());
    }

    @Test
    void issue12LimitsAreValidated() {
        rejected(
                AAuthConfig.RESOURCE_REQUIRE_BODY_DIGEST,
                AAuthConfig.RESOURCE_REQUIRE_BODY_DIGEST,
                "maybe");
        rejected(AAuthConfig.REPLAY_MAX_ENTRIES, AAuthConfig.REPLAY_MAX_ENTRIES, "0");
        rejected(AAuthConfig.PS_TOKEN_RATE, AAuthConfig.PS_TOKEN_RATE, "-1");
        rejected(AAuthConfig.PS_MAX_PENDING_PER_AGENT, AAuthConfig.PS_MAX_PENDING_PER_AGENT, "x");
        rejected(AAuthConfig.PS_MAX_PENDING_PER_PERSON, AAuthConfig.PS_MAX_PENDING_PER_PERSON, "0");
        rejected(
                AAuthConfig.OUTBOUND_MAX_CONCURRENT_FETCHES,
                AAuthConfig.OUTBOUND_MAX_CONCURRENT_FETCHES,
                "10001");
    }

    @Test
    void issuerMustBeAServerIdentifier() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> config(Map.of("aauth.issuer", "https://ps.example/")));
        assertTrue(e.getMessage().startsWith("aauth.issuer"), e.getMessage());
    }

    @Test
    void demoApisAreKnownAndNeedTheResourceRole() {
        assertEquals(
                Set.of("supply-chain"), resource("aauth.demo.apis", "supply-chain").demoApis());
        rejected("aauth.demo.apis", "aauth.demo.apis", "payroll");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                config(
                                        Map.of(
                                                "aauth.issuer",
                                                "https://ps.example",
                                                "aauth.demo.apis",
                                                "supply-chain")));
        assertTrue(e.getMessage().startsWith("aauth.demo.apis"), e.getMessage());
    }

    @Test
    void keysDirIsOptional() {
        assertEquals(Optional.empty(), resource().keysDir());
        assertEquals(
                Optional.of(java.nio.file.Path.of("/var/lib/aauth")),
                resource("aauth.keys.dir", "/var/lib/aauth").keysDir());
    }

    @Test
    void keyRotationAndRefreshIntervals() {
        assertEquals(java.time.Duration.ofDays(30), resource().keysRotationInterval());
        assertEquals(java.time.Duration.ofSeconds(60), resource().keysRefreshInterval());
        assertEquals(
                java.time.Duration.ofHours(1),
                resource("aauth.keys.rotation-interval", "3600").keysRotationInterval());
        assertEquals(
                java.time.Duration.ofSeconds(5),
                resource("aauth.keys.refresh-interval", "5").keysRefreshInterval());
        assertThrows(
                IllegalStateException.class, () -> resource("aauth.keys.refresh-interval", "0"));
        assertThrows(
                IllegalStateException.class,
                () -> resource("aauth.keys.rotation-interval", "soon"));
    }

    // ---------------------------------------------------------------- agent provider and person
    // server

    static final String TP = "C9yO4sipeoXOHKbW4l2KapIcD90Hy4z9YqZmrZn9xRE";

    @Test
    void agentProviderDefaultsAndValues() {
        AgentProviderSettings d = resource().agentProvider();
        assertEquals(Duration.ofHours(1), d.tokenLifetime());
        assertFalse(d.localhostCallbackAllowed());
        assertEquals(Optional.empty(), d.personServer());
        AgentProviderSettings ap =
                resource(
                                "aauth.agent-provider.trusted-keys",
                                "backend=" + TP + ", backend=" + TP.replace('C', 'D'),
                                "aauth.agent-provider.token-lifetime",
                                "86400",
                                "aauth.agent-provider.person-server",
                                "https://ps.example",
                                "aauth.agent-provider.localhost-callback-allowed",
                                "true")
                        .agentProvider();
        assertTrue(ap.trusts("backend", TP));
        assertTrue(ap.trusts("backend", TP.replace('C', 'D')));
        assertFalse(ap.trusts("other", TP));
        assertEquals(Duration.ofHours(24), ap.tokenLifetime());
        assertEquals(Optional.of("https://ps.example"), ap.personServer());
        assertTrue(ap.localhostCallbackAllowed());
    }

    @Test
    @DisplayName(
            "Agent tokens SHOULD NOT have a lifetime exceeding 24 hours; auth tokens MUST NOT exceed 1 hour")
    void lifetimesAreCapped() {
        rejected(
                "aauth.agent-provider.token-lifetime",
                "aauth.agent-provider.token-lifetime",
                "86401");
        rejected(
                "aauth.person-server.token-lifetime", "aauth.person-server.token-lifetime", "3601");
        rejected("aauth.person-server.token-lifetime", "aauth.person-server.token-lifetime", "0");
    }

    @Test
    @DisplayName(
            "\"The token_endpoint, authorization_endpoint, mission_endpoint, and callback_endpoint values MUST conform\" (https, no fragment): a callback endpoint peers would refuse fails the deployment")
    void callbackEndpointMustBeAnEndpointUrl() {
        assertEquals(
                Optional.of("https://resource.example/callback"),
                resource(
                                "aauth.agent-provider.callback-endpoint",
                                "https://resource.example/callback")
                        .agentProvider()
                        .callbackEndpoint());
        rejected(
                "aauth.agent-provider.callback-endpoint",
                "aauth.agent-provider.callback-endpoint",
                "http://resource.example/callback");
        rejected(
                "aauth.agent-provider.callback-endpoint",
                "aauth.agent-provider.callback-endpoint",
                "https://resource.example/callback#frag");
        rejected(
                "aauth.agent-provider.callback-endpoint",
                "aauth.agent-provider.callback-endpoint",
                "not a url");
    }

    @Test
    void malformedAgentProviderAndPersonServerValuesAreRejected() {
        rejected(
                "aauth.agent-provider.trusted-keys",
                "aauth.agent-provider.trusted-keys",
                "Backend=" + TP);
        rejected(
                "aauth.agent-provider.trusted-keys",
                "aauth.agent-provider.trusted-keys",
                "backend=short");
        rejected(
                "aauth.agent-provider.person-server",
                "aauth.agent-provider.person-server",
                "not a url");
        rejected(
                "aauth.agent-provider.localhost-callback-allowed",
                "aauth.agent-provider.localhost-callback-allowed",
                "yes");
        rejected("aauth.person-server.autonomous", "aauth.person-server.autonomous", "a | b");
        rejected("aauth.person-server.deny", "aauth.person-server.deny", "a | b | \"");
        rejected(
                "aauth.person-server.agent-bindings",
                "aauth.person-server.agent-bindings",
                "nobody=alice");
        rejected(
                "aauth.person-server.agent-bindings",
                "aauth.person-server.agent-bindings",
                "aauth:a@x.example=alice, aauth:a@x.example=bob");
        rejected(
                "aauth.person-server.agent-resources",
                "aauth.person-server.agent-resources",
                "aauth:a@x.example=not-a-url");
    }

    @Test
    @DisplayName("scopes configured as always-ask (default require:user)")
    void personServerDefaultsAndValues() {
        PersonServerSettings d = resource().personServer();
        assertEquals(List.of("require:user"), d.alwaysAsk());
        assertEquals(List.of("openid", "profile", "email"), d.scopesSupported());
        assertEquals(Duration.ofHours(1), d.tokenLifetime());
        assertEquals(Optional.empty(), d.pairwiseSecret());
        PersonServerSettings ps =
                resource(
                                "aauth.person-server.autonomous",
                                "aauth:backend@localhost:9080 | http://localhost:9081 | supply-chain:check supply-chain:read;\n  * | * | x",
                                "aauth.person-server.agent-bindings",
                                "aauth:backend@localhost:9080=alice",
                                "aauth.person-server.always-ask",
                                "")
                        .personServer();
        assertEquals(2, ps.autonomous().size());
        assertEquals(
                List.of("supply-chain:check", "supply-chain:read"),
                ps.autonomous().get(0).scopes());
        assertEquals("alice", ps.agentBindings().get("aauth:backend@localhost:9080"));
        assertEquals(List.of(), ps.alwaysAsk());
        assertEquals(
                Map.of("aauth:sc@ap.example", "https://sc.example"),
                resource(
                                "aauth.person-server.agent-resources",
                                "aauth:sc@ap.example=https://sc.example")
                        .personServer()
                        .agentResources());
    }

    @Test
    @DisplayName(
            "deferred responses: pending lifetime (default 600 s) and Retry-After (default 5 s), configurable and checked")
    void pendingLifetimeAndRetryAfter() {
        PersonServerSettings d = resource().personServer();
        assertEquals(Duration.ofMinutes(10), d.pendingLifetime());
        assertEquals(Duration.ofSeconds(5), d.retryAfter());
        PersonServerSettings ps =
                resource(
                                "aauth.person-server.pending-lifetime",
                                "30",
                                "aauth.person-server.retry-after",
                                "2")
                        .personServer();
        assertEquals(Duration.ofSeconds(30), ps.pendingLifetime());
        assertEquals(Duration.ofSeconds(2), ps.retryAfter());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> resource("aauth.person-server.retry-after", "soon"));
        assertTrue(e.getMessage().contains("aauth.person-server.retry-after"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> resource("aauth.person-server.pending-lifetime", "0"));
    }

    @Test
    @DisplayName(
            "Prefer: wait long polls: max-wait (default 30 s, 1-300) and wait-safety-interval (default 5000 ms, 100-300000), checked")
    void longPollSettings() {
        LongPollSettings d = resource().longPolls();
        assertEquals(Duration.ofSeconds(30), d.maxWait());
        assertEquals(Duration.ofMillis(5000), d.safetyInterval());
        LongPollSettings set =
                resource(
                                "aauth.person-server.max-wait",
                                "45",
                                "aauth.person-server.wait-safety-interval",
                                "100")
                        .longPolls();
        assertEquals(Duration.ofSeconds(45), set.maxWait());
        assertEquals(Duration.ofMillis(100), set.safetyInterval());
        for (String[] bad :
                new String[][] {
                    {"aauth.person-server.max-wait", "301"},
                    {"aauth.person-server.max-wait", "0"},
                    {"aauth.person-server.wait-safety-interval", "99"},
                    {"aauth.person-server.wait-safety-interval", "soon"}
                }) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> resource(bad[0], bad[1]));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }
}
