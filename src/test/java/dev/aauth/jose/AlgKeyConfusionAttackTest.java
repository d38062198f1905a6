package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static dev.aauth.jose.TestKeys.b64;
import static dev.aauth.jose.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aauth.error.AAuthError;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Algorithm confusion: the token's {@code alg} must name the algorithm of the key it is verified
 * with. "The signature algorithm is determined by the key material ... Verifiers MUST ... Ensure
 * the key type is consistent with the derived algorithm" (Signature-Key draft, "Algorithm
 * Selection").
 */
class AlgKeyConfusionAttackTest {

    private static final Map<String, Object> CLAIMS = Map.of("sub", "aauth:admin@agent.example");

    private static String swapAlg(String jwt, String alg) {
        String rest = jwt.substring(jwt.indexOf('.'));
        return b64("{\"alg\":\"" + alg + "\",\"kid\":\"k\"}") + rest;
    }

    @Test
    @DisplayName("ES256 header on an Ed25519 key is invalid_jwt")
    void es256HeaderWithEd25519Key() {
        String edToken = Jws.sign(Map.of(), CLAIMS, TestKeys.ED);
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(swapAlg(edToken, "ES256")).verify(TestKeys.ED.publicJwk()));
        String ecToken = Jws.sign(Map.of(), CLAIMS, TestKeys.EC);
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(ecToken).verify(TestKeys.ED.publicJwk()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EdDSA", "Ed25519"})
    @DisplayName("EdDSA / Ed25519 header on a P-256 key is invalid_jwt")
    void eddsaHeaderWithP256Key(String alg) {
        String ecToken = Jws.sign(Map.of(), CLAIMS, TestKeys.EC);
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(swapAlg(ecToken, alg)).verify(TestKeys.EC.publicJwk()));
        String edToken = Jws.sign(Map.of("alg", alg), CLAIMS, TestKeys.ED);
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(edToken).verify(TestKeys.EC.publicJwk()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    @DisplayName("HS256 with the public key as HMAC secret is invalid_jwt")
    void hmacWithThePublicKeyAsSecret(String alg) {
        for (SigningKey victim : new SigningKey[] {TestKeys.ED, TestKeys.EC}) {
            Jwk pub = victim.publicJwk();
            for (byte[] secret :
                    new byte[][] {
                        utf8(pub.toJson()), Base64Url.decode(pub.x(), AAuthError.INVALID_KEY, "x")
                    }) {
                String input =
                        b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + pub.kid().orElse("") + "\"}")
                                + "."
                                + b64("{\"sub\":\"admin\"}");
                HMac mac = new HMac(new SHA256Digest());
                mac.init(new KeyParameter(secret));
                byte[] in = utf8(input);
                mac.update(in, 0, in.length);
                byte[] tag = new byte[32];
                mac.doFinal(tag, 0);
                String forged = input + "." + Base64Url.encode(tag);
                assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(forged).verify(pub));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES384", "ES512", "ES256K", "Ed448", "EdDSA448"})
    @DisplayName("other JWS algorithms are invalid_jwt at parse")
    void otherAlgorithmsAreRejected(String alg) {
        String token = Jws.sign(Map.of(), CLAIMS, TestKeys.EC);
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(swapAlg(token, alg)));
    }

    @Test
    @DisplayName("an RSA key can never verify an AAuth JWS")
    void rsaKeyNeverVerifies() {
        String token = Jws.sign(Map.of(), CLAIMS, TestKeys.EC);
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(token).verify(Jwk.parseJson(JwkTest.RFC7638_RSA)));
    }

    @Test
    @DisplayName(
            "raw signatures: an Ed25519 signature never verifies under a P-256 key and vice versa")
    void crossAlgorithmRawSignatures() {
        byte[] data = utf8("signature base");
        assertFalse(TestKeys.EC.publicJwk().verificationKey().verify(data, TestKeys.ED.sign(data)));
        assertFalse(TestKeys.ED.publicJwk().verificationKey().verify(data, TestKeys.EC.sign(data)));
    }
}
