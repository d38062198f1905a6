package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureAlgorithmTest {

    @Test
    void namesInHttpMessageSignaturesAndJws() {
        assertEquals("ed25519", SignatureAlgorithm.ED25519.httpName());
        assertEquals("EdDSA", SignatureAlgorithm.ED25519.jwsAlg());
        assertEquals("ecdsa-p256-sha256", SignatureAlgorithm.ECDSA_P256_SHA256.httpName());
        assertEquals("ES256", SignatureAlgorithm.ECDSA_P256_SHA256.jwsAlg());
        assertEquals(
                Optional.of(SignatureAlgorithm.ED25519),
                SignatureAlgorithm.fromHttpName("ed25519"));
        assertEquals(
                Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256),
                SignatureAlgorithm.fromHttpName("ecdsa-p256-sha256"));
        assertEquals(
                Optional.of(SignatureAlgorithm.ED25519), SignatureAlgorithm.fromJwsAlg("EdDSA"));
        assertEquals(
                Optional.of(SignatureAlgorithm.ED25519), SignatureAlgorithm.fromJwsAlg("Ed25519"));
        assertEquals(
                Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256),
                SignatureAlgorithm.fromJwsAlg("ES256"));
    }

    @ParameterizedTest
    @DisplayName(
            "\"Implementations MUST NOT accept none\": none, HMAC, RSA and other names never map")
    @ValueSource(
            strings = {
                "none", "None", "NONE", "HS256", "HS384", "HS512", "RS256", "PS256", "ES384",
                "ES512", "ES256K", "Ed448", "eddsa", "es256", "ED25519", "", " EdDSA"
            })
    void unsupportedJwsAlgsMustNeverMap(String alg) {
        assertEquals(Optional.empty(), SignatureAlgorithm.fromJwsAlg(alg));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hmac-sha256",
                "rsa-pss-sha512",
                "rsa-v1_5-sha256",
                "ecdsa-p384-sha384",
                "Ed25519",
                "ED25519",
                ""
            })
    void unsupportedHttpNamesNeverMap(String name) {
        assertEquals(Optional.empty(), SignatureAlgorithm.fromHttpName(name));
    }

    @Test
    @DisplayName("\"the algorithm is identified by the key type and curve (kty + crv)\"")
    void algorithmIsDerivedFromKtyAndCrv() {
        assertEquals(
                SignatureAlgorithm.ED25519,
                SignatureAlgorithm.forKey(Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK)));
        assertEquals(
                SignatureAlgorithm.ECDSA_P256_SHA256,
                SignatureAlgorithm.forKey(Jwk.parse(TestKeys.DRAFT_P256)));
    }

    @Test
    @DisplayName("Verifiers MUST \"Reject keys whose type does not match an acceptable algorithm\"")
    void keysOfOtherTypesAreUnsupportedAlgorithmWithTheSupportedList() {
        Jwk rsa =
                Jwk.parse(
                        Map.of(
                                "kty",
                                "RSA",
                                "n",
                                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                                "e",
                                "AQAB"));
        Jwk x25519 =
                Jwk.parse(
                        Map.of(
                                "kty",
                                "OKP",
                                "crv",
                                "X25519",
                                "x",
                                "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"));
        for (Jwk k : List.of(rsa, x25519)) {
            AAuthException e =
                    assertAAuthError(
                            AAuthError.UNSUPPORTED_ALGORITHM, () -> SignatureAlgorithm.forKey(k));
            assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), e.supportedAlgorithms());
        }
    }

    @Test
    void acceptsJwsAlgIsExact() {
        assertTrue(SignatureAlgorithm.ED25519.acceptsJwsAlg("EdDSA"));
        assertTrue(SignatureAlgorithm.ED25519.acceptsJwsAlg("Ed25519"));
        assertTrue(!SignatureAlgorithm.ED25519.acceptsJwsAlg("ES256"));
        assertTrue(!SignatureAlgorithm.ECDSA_P256_SHA256.acceptsJwsAlg("EdDSA"));
    }
}
