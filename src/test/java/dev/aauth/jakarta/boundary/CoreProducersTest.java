package dev.aauth.jakarta.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.AAuthConfigs;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoreProducersTest {

    final ServerKeySet keys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "own-1"));
    final List<String> fetched = new ArrayList<>();
    final Jwk foreign = SigningKey.generate(SignatureAlgorithm.ED25519, "f").publicJwk();
    final IssuerKeyResolver fallback =
            (iss, dwk, kid) -> {
                fetched.add(iss);
                return foreign;
            };

    @Test
    @DisplayName(
            "an origin's own tokens (e.g. the collocated AP's agent tokens at the PS) are verified with its own keys, never fetched")
    void ownIssuerIsResolvedLocallyUnderEachRolesDwk() {
        AAuthConfig config =
                AAuthConfigs.of(
                        Map.of(
                                "aauth.issuer",
                                "https://ps.example",
                                "aauth.roles",
                                "person-server,agent-provider"));
        IssuerKeyResolver r = CoreProducers.keyResolver(config, keys, fallback);
        assertEquals(
                keys.current().publicJwk().thumbprint(),
                r.resolve("https://ps.example", Dwk.AGENT, "own-1").thumbprint());
        assertEquals(
                keys.current().publicJwk().thumbprint(),
                r.resolve("https://ps.example", Dwk.PERSON, "own-1").thumbprint());
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> r.resolve("https://ps.example", Dwk.RESOURCE, "own-1"));
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
        assertEquals(List.of(), fetched);
        assertEquals(foreign, r.resolve("https://resource.example", Dwk.RESOURCE, "k"));
        assertEquals(List.of("https://resource.example"), fetched);
    }
}
