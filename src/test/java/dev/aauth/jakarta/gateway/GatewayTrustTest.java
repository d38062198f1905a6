package dev.aauth.jakarta.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.config.AAuthConfigs;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gateway-set headers are believed only from the configured gateway. */
class GatewayTrustTest {

    static final String SECRET = "0123456789abcdef-gateway";

    @Test
    @DisplayName("with neither addresses nor a secret configured nobody is trusted (fail closed)")
    void nothingConfiguredTrustsNobody() {
        GatewayTrust t = new GatewayTrust(Set.of(), null);
        assertFalse(t.isConfigured());
        assertFalse(t.trusts("127.0.0.1", null));
        assertFalse(t.trusts("127.0.0.1", SECRET));
    }

    @Test
    void sourceAddresses() {
        GatewayTrust t = new GatewayTrust(Set.of("127.0.0.1", "::1"), null);
        assertTrue(t.trusts("127.0.0.1", null));
        assertTrue(t.trusts("0:0:0:0:0:0:0:1", null));
        assertFalse(t.trusts("127.0.0.2", null));
        assertFalse(t.trusts("10.0.0.1", SECRET));
        assertFalse(t.trusts(null, null));
        assertFalse(t.trusts("localhost", null), "names are never looked up");
    }

    @Test
    void sharedSecret() {
        GatewayTrust t = new GatewayTrust(Set.of(), SECRET);
        assertTrue(t.trusts("203.0.113.9", SECRET));
        assertFalse(t.trusts("127.0.0.1", null));
        assertFalse(t.trusts("127.0.0.1", SECRET + "x"));
        assertFalse(t.trusts("127.0.0.1", ""));
    }

    @Test
    @DisplayName("with both configured, both must hold")
    void both() {
        GatewayTrust t = new GatewayTrust(Set.of("127.0.0.1"), SECRET);
        assertTrue(t.trusts("127.0.0.1", SECRET));
        assertFalse(t.trusts("127.0.0.1", null));
        assertFalse(t.trusts("10.1.1.1", SECRET));
    }

    static GatewaySettings settings(String... namesAndValues) {
        Map<String, String> p = new HashMap<>();
        p.put("aauth.issuer", "https://resource.example");
        p.put("aauth.roles", "resource");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new GatewaySettings(name -> Optional.ofNullable(p.get(name)), AAuthConfigs.of(p));
    }

    @Test
    @DisplayName("a bad gateway setting fails the deployment, naming the property")
    void settingsAreValidated() {
        assertTrue(
                settings(
                                GatewaySettings.TRUSTED_ADDRESSES,
                                "127.0.0.1, ::1",
                                GatewaySettings.SECRET,
                                SECRET)
                        .trust()
                        .trusts("::1", SECRET));
        assertFalse(settings().trust().isConfigured());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> settings(GatewaySettings.TRUSTED_ADDRESSES, "gateway.internal"));
        assertTrue(e.getMessage().startsWith(GatewaySettings.TRUSTED_ADDRESSES), e.getMessage());
        e =
                assertThrows(
                        IllegalStateException.class,
                        () -> settings(GatewaySettings.SECRET, "short"));
        assertTrue(e.getMessage().startsWith(GatewaySettings.SECRET), e.getMessage());
    }
}
