package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.error.AAuthError;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Key-injection headers ({@code jku}, {@code x5u}, {@code x5c}, an embedded {@code jwk}) are never
 * followed or trusted: the key always comes from the caller ("Locate the key matching the JWT
 * header kid" at the issuer's jwks_uri, AAuth draft).
 */
class JkuHeaderIsNeverFollowedTest {

    @Test
    @DisplayName(
            "a token signed by the attacker and pointing at the attacker's keys fails with the issuer's key")
    void attackerKeysInTheHeaderAreIgnored() {
        SigningKey attacker = SigningKey.generate(SignatureAlgorithm.ED25519, "ed-1");
        String jwt =
                Jws.sign(
                        Map.of(
                                "jku",
                                "https://attacker.example/jwks.json",
                                "x5u",
                                "https://attacker.example/cert.pem",
                                "x5c",
                                java.util.List.of("MIIB"),
                                "jwk",
                                attacker.publicJwk().toMap()),
                        Map.of("sub", "admin"),
                        attacker);
        ParsedJws p = Jws.parse(jwt);
        assertEquals("https://attacker.example/jwks.json", p.header().get("jku"));
        assertAAuthError(AAuthError.INVALID_JWT, () -> p.verify(TestKeys.ED.publicJwk()));
    }
}
