package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.id.SecurityMode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AAuthConfigTest {

    private static AAuthConfig config(Map<String, String> properties) {
        return new AAuthConfig(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void securityModeDefaultsToStrict() {
        assertEquals(SecurityMode.STRICT, config(Map.of("aauth.issuer", "https://ps.example")).securityMode());
    }

    @Test
    void developmentModeIsReadCaseInsensitively() {
        assertEquals(SecurityMode.DEVELOPMENT, config(Map.of(
                "aauth.issuer", "http://localhost:9081", "aauth.security-mode", " development ")).securityMode());
    }

    @Test
    void unknownSecurityModeIsRejectedNamingTheProperty() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> config(Map.of(
                "aauth.issuer", "https://ps.example", "aauth.security-mode", "LAX")));
        assertTrue(e.getMessage().startsWith("aauth.security-mode"), e.getMessage());
    }

    @Test
    void rolesAreParsedFromACommaSeparatedList() {
        AAuthConfig c = config(Map.of("aauth.issuer", "https://ps.example",
                "aauth.roles", "person-server, agent-provider,agent"));
        assertEquals(EnumSet.of(Role.PERSON_SERVER, Role.AGENT_PROVIDER, Role.AGENT), c.roles());
        assertTrue(c.hasRole(Role.AGENT));
    }

    @Test
    void noRolesMeansAnEmptySet() {
        assertEquals(Set.of(), config(Map.of("aauth.issuer", "https://ps.example")).roles());
    }

    @Test
    void unknownRoleIsRejectedNamingTheProperty() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> config(Map.of(
                "aauth.issuer", "https://ps.example", "aauth.roles", "resource,Person-Server")));
        assertTrue(e.getMessage().startsWith("aauth.roles: unknown role 'Person-Server'"), e.getMessage());
    }

    @Test
    void issuerIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> config(Map.of("aauth.roles", "resource")));
        assertTrue(e.getMessage().startsWith("aauth.issuer is required"), e.getMessage());
    }

    @Test
    void blankIssuerCountsAsMissing() {
        assertThrows(IllegalStateException.class, () -> config(Map.of("aauth.issuer", "  ")));
    }

    @Test
    void issuerIsKeptAsConfigured() {
        assertEquals("https://resource.example", config(Map.of("aauth.issuer", "https://resource.example")).issuer());
    }
}
