package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid-curve and weak-point keys: a P-256 point off the curve (or a coordinate outside the
 * field), and Ed25519 encodings that are not points, not canonical, or of small order, are {@code
 * invalid_key} at parse time, before any signature is checked with them.
 */
class InvalidCurvePointAttackTest {

    static final byte[] GX =
            Hex.decode("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
    static final byte[] GY =
            Hex.decode("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
    static final byte[] P =
            Hex.decode("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

    @Test
    void theGeneratorIsAValidKey() {
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, Jwk.p256(GX, GY).algorithm());
    }

    @Test
    @DisplayName("P-256 point off the curve is invalid_key")
    void offCurvePointIsRejected() {
        byte[] y1 = BigIntegers.asUnsignedByteArray(32, new BigInteger(1, GY).add(BigInteger.ONE));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(GX, y1));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(new byte[32], new byte[32]));
        byte[] one = new byte[32];
        one[31] = 1;
        // (0, 1) lies on y^2 = x^3 - 3x + 1, a curve sharing P-256's field: the textbook
        // invalid-curve point.
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(new byte[32], one));
    }

    @Test
    @DisplayName("P-256 coordinates outside the field (>= p) are invalid_key")
    void coordinatesOutsideTheFieldAreRejected() {
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(P, GY));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(GX, P));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(ff, ff));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0100000000000000000000000000000000000000000000000000000000000000", // identity,
                // order 1
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // (0, -1),
                // order 2
                "0000000000000000000000000000000000000000000000000000000000000000", // order 4
                "0000000000000000000000000000000000000000000000000000000000000080", // order 4
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p,
                // non-canonical
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1,
                // non-canonical
                "0200000000000000000000000000000000000000000000000000000000000000" // y = 2: no such
                // point
            })
    @DisplayName("Ed25519 small-order, non-canonical or non-point public keys are invalid_key")
    void weakEd25519KeysAreRejected(String hex) {
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.ed25519(Hex.decode(hex)));
    }

    @Test
    @DisplayName("an off-curve key in a JWS header jwk (jkt-jwt) is invalid_key")
    void offCurveHeaderJwkIsRejected() {
        byte[] y1 = BigIntegers.asUnsignedByteArray(32, new BigInteger(1, GY).add(BigInteger.ONE));
        Map<String, Object> evil =
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "x",
                        Base64Url.encode(GX),
                        "y",
                        Base64Url.encode(y1));
        String jwt =
                Jws.sign(
                        Map.of("typ", "jkt-s256+jwt", "jwk", evil),
                        Map.of("iss", "urn:jkt:sha-256:x"),
                        TestKeys.EC);
        ParsedJws p = Jws.parse(jwt);
        assertAAuthError(AAuthError.INVALID_KEY, p::headerJwk);
    }

    @Test
    @DisplayName("an off-curve key in a JWKS is skipped, never trusted")
    void offCurveKeyInAJwksIsSkipped() {
        byte[] y1 = BigIntegers.asUnsignedByteArray(32, new BigInteger(1, GY).add(BigInteger.ONE));
        Map<String, Object> evil =
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "kid",
                        "evil",
                        "x",
                        Base64Url.encode(GX),
                        "y",
                        Base64Url.encode(y1));
        JwkSet set = JwkSet.parse(Map.of("keys", List.of(evil, TestKeys.EC.publicJwk().toMap())));
        assertTrue(set.byKid("evil").isEmpty());
        assertTrue(set.byKid("ec-1").isPresent());
        assertEquals(1, set.skipped());
    }
}
