package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersonAccountsConfigTest {

    static final String HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA";

    @Test
    @DisplayName("DEVELOPMENT creates alice by default; STRICT creates nobody")
    void developmentCreatesAliceStrictNobody() {
        assertEquals(
                Optional.of("alice"),
                AAuthConfigs.of(
                                Map.of(
                                        "aauth.issuer",
                                        "http://localhost:9080",
                                        "aauth.security-mode",
                                        "DEVELOPMENT"))
                        .personAccounts()
                        .demoPerson());
        assertEquals(
                Optional.empty(),
                AAuthConfigs.of(
                                Map.of(
                                        "aauth.issuer",
                                        "http://localhost:9080",
                                        "aauth.security-mode",
                                        "DEVELOPMENT",
                                        "aauth.person-server.demo-person",
                                        ""))
                        .personAccounts()
                        .demoPerson());
        assertEquals(
                Optional.empty(),
                AAuthConfigs.of(Map.of("aauth.issuer", "https://ps.example"))
                        .personAccounts()
                        .demoPerson());
        assertEquals(
                Map.of(),
                AAuthConfigs.of(Map.of("aauth.issuer", "https://ps.example"))
                        .personAccounts()
                        .persons());
    }

    @Test
    @DisplayName("a demo person in STRICT mode fails the deployment")
    void demoPersonInStrictModeFails() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                AAuthConfigs.of(
                                        Map.of(
                                                "aauth.issuer",
                                                "https://ps.example",
                                                "aauth.person-server.demo-person",
                                                "alice")));
        assertTrue(e.getMessage().startsWith("aauth.person-server.demo-person"), e.getMessage());
    }

    @Test
    void personsAreUsernameEqualsArgon2idHash() {
        PersonAccounts accounts =
                AAuthConfigs.of(
                                Map.of(
                                        "aauth.issuer",
                                        "https://ps.example",
                                        "aauth.person-server.persons",
                                        "bob=" + HASH + " ; carol=" + HASH))
                        .personAccounts();
        assertEquals(Map.of("bob", HASH, "carol", HASH), accounts.persons());
        for (String bad :
                new String[] {"bob", "bob=secret", "=" + HASH, "bob=" + HASH + ";bob=" + HASH}) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    AAuthConfigs.of(
                                            Map.of(
                                                    "aauth.issuer",
                                                    "https://ps.example",
                                                    "aauth.person-server.persons",
                                                    bad)));
            assertTrue(e.getMessage().startsWith("aauth.person-server.persons"), e.getMessage());
        }
    }
}
