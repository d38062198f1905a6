package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A public-key slot (Signature-Key hwk, a JWS header jwk, cnf.jwk, a JWKS) must never carry private
 * key material: such a key is refused with {@code invalid_key}. Only {@link SigningKey#fromJwk}
 * reads private members.
 */
class PrivateKeyInJwkTest {

    @Test
    @DisplayName("the RFC 8037 A.1 private Ed25519 JWK is invalid_key as a public key")
    void okpWithDIsRejected() {
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parseJson(TestKeys.RFC8037_PRIVATE_JWK));
    }

    @Test
    void ecWithDIsRejected() {
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(TestKeys.EC.toPrivateJwkMap()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth"})
    @DisplayName("RSA private members are invalid_key")
    void rsaPrivateMembersAreRejected(String member) {
        Map<String, Object> m = new HashMap<>(Jwk.parseJson(JwkTest.RFC7638_RSA).toMap());
        m.put(member, "AQAB");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(m));
    }

    @Test
    @DisplayName("a symmetric key (k) is invalid_key")
    void symmetricKeyIsRejected() {
        assertAAuthError(
                AAuthError.INVALID_KEY, () -> Jwk.parse(Map.of("kty", "oct", "k", "c2VjcmV0")));
    }

    @Test
    @DisplayName("a private key in a JWS header jwk is invalid_key")
    void privateHeaderJwkIsRejected() {
        String jwt = Jws.sign(Map.of("jwk", TestKeys.ED.toPrivateJwkMap()), Map.of(), TestKeys.ED);
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jws.parse(jwt).headerJwk());
    }

    @Test
    @DisplayName("a private key in a JWKS is skipped, never trusted")
    void privateKeyInJwksIsSkipped() {
        JwkSet set =
                JwkSet.parse(
                        Map.of(
                                "keys",
                                List.of(
                                        TestKeys.ED.toPrivateJwkMap(),
                                        TestKeys.EC.publicJwk().toMap())));
        assertTrue(set.byKid("ed-1").isEmpty());
        assertEquals(List.of(TestKeys.EC.publicJwk()), set.keys());
        assertFalse(set.toJson().contains("\"d\""));
    }

    @Test
    @DisplayName("public output never contains d")
    void publicOutputNeverContainsD() {
        for (SigningKey k : List.of(TestKeys.ED, TestKeys.EC)) {
            assertFalse(k.publicJwk().toMap().containsKey("d"));
            assertFalse(k.publicJwk().toJson().contains("\"d\""));
            String d = (String) k.toPrivateJwkMap().get("d");
            assertFalse(k.toString().contains(d));
            assertFalse(new ServerKeySet(k).jwks().toJson().contains(d));
        }
    }

    @Test
    void signingKeyFromJwkIsThePlaceForPrivateMembers() {
        assertEquals(
                Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK).thumbprint(),
                SigningKey.fromJwkJson(TestKeys.RFC8037_PRIVATE_JWK).publicJwk().thumbprint());
    }
}
