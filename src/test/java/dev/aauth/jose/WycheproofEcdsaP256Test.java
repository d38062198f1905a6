package dev.aauth.jose;

import static dev.aauth.jose.WycheproofVectors.list;
import static dev.aauth.jose.WycheproofVectors.map;
import static dev.aauth.jose.WycheproofVectors.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Wycheproof ECDSA secp256r1/SHA-256 vector with IEEE P1363 signatures through {@link
 * VerificationKey}. Same policy as {@link WycheproofEd25519Test}: valid verifies, invalid (and,
 * strictly, acceptable) is false, nothing throws.
 *
 * <p>The Jwk is built from the group's uncompressed point (x, y); whether that point is on the
 * curve is decided here independently with plain BigInteger arithmetic, and an off-curve key must
 * be refused by {@link Jwk#p256} with {@code invalid_key}.
 */
class WycheproofEcdsaP256Test {

    private static final String FILE = "ecdsa_secp256r1_sha256_p1363_test.json";
    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    /** y^2 = x^3 - 3x + b (mod p), with 0 <= x, y < p. */
    static boolean onCurve(byte[] x, byte[] y) {
        BigInteger bx = new BigInteger(1, x);
        BigInteger by = new BigInteger(1, y);
        if (bx.compareTo(P) >= 0 || by.compareTo(P) >= 0) {
            return false;
        }
        BigInteger rhs = bx.pow(3).subtract(bx.multiply(BigInteger.valueOf(3))).add(B).mod(P);
        return by.pow(2).mod(P).equals(rhs);
    }

    @TestFactory
    Stream<DynamicNode> ecdsaP256Sha256P1363Vectors() {
        Map<String, Object> doc = WycheproofVectors.load(FILE);
        List<DynamicNode> groups = new ArrayList<>();
        int g = 0;
        for (Map<String, Object> group : list(doc, "testGroups")) {
            Map<String, Object> pub = map(group, "publicKey");
            byte[] point = Hex.decode((String) pub.get("uncompressed"));
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(
                    DynamicTest.dynamicTest(
                            "uncompressed point is 04 || x || y",
                            () -> {
                                assertEquals(65, point.length);
                                assertEquals(4, point[0]);
                            }));
            byte[] x = Arrays.copyOfRange(point, 1, 33);
            byte[] y = Arrays.copyOfRange(point, 33, 65);
            if (!onCurve(x, y)) {
                tests.add(
                        DynamicTest.dynamicTest(
                                "off-curve public key is invalid_key",
                                () -> {
                                    AAuthException e =
                                            Assertions.assertThrows(
                                                    AAuthException.class, () -> Jwk.p256(x, y));
                                    assertEquals(AAuthError.INVALID_KEY, e.error());
                                }));
                groups.add(DynamicContainer.dynamicContainer("group " + g++, tests));
                continue;
            }
            Jwk jwk = Jwk.p256(x, y);
            Map<String, Object> groupJwk = map(group, "publicKeyJwk");
            if (groupJwk != null) {
                tests.add(
                        DynamicTest.dynamicTest(
                                "publicKeyJwk is the same key",
                                () -> assertTrue(Jwk.parse(groupJwk).sameKeyAs(jwk))));
            }
            VerificationKey vk = jwk.verificationKey();
            for (Map<String, Object> t : list(group, "tests")) {
                tests.add(
                        DynamicTest.dynamicTest(name(t), () -> WycheproofEd25519Test.check(vk, t)));
            }
            groups.add(
                    DynamicContainer.dynamicContainer("group " + g++ + " " + pub.get("wx"), tests));
        }
        return groups.stream();
    }

    @Test
    @DisplayName("all numberOfTests vectors are run; none is 'acceptable' in this file version")
    void everyVectorIsCovered() {
        Map<String, Object> doc = WycheproofVectors.load(FILE);
        int total = 0;
        int acceptable = 0;
        for (Map<String, Object> group : list(doc, "testGroups")) {
            for (Map<String, Object> t : list(group, "tests")) {
                total++;
                acceptable += "acceptable".equals(t.get("result")) ? 1 : 0;
            }
        }
        assertEquals(((Number) doc.get("numberOfTests")).intValue(), total);
        assertEquals(0, acceptable);
    }

    @Test
    void independentCurveCheckAgreesWithTheGenerator() {
        assertTrue(
                onCurve(
                        Hex.decode(
                                "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
                        Hex.decode(
                                "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")));
        assertTrue(
                !onCurve(
                        Hex.decode(
                                "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
                        Hex.decode(
                                "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f6")));
    }
}
