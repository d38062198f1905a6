package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static dev.aauth.jose.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyTest {

    @Test
    @DisplayName("RFC 8032 section 7.1 TEST 1: Ed25519 signature of the empty message")
    void rfc8032Test1() {
        SigningKey key = SigningKey.fromJwkJson(TestKeys.RFC8037_PRIVATE_JWK);
        assertEquals(SignatureAlgorithm.ED25519, key.algorithm());
        byte[] expected =
                Hex.decode(
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertArrayEquals(expected, key.sign(new byte[0]));
        assertTrue(
                Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK)
                        .verificationKey()
                        .verify(new byte[0], expected));
    }

    @Test
    @DisplayName(
            "RFC 8037 appendix A.4: the Ed25519 JWS signature over eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc")
    void rfc8037JwsSignature() {
        SigningKey key = SigningKey.fromJwkJson(TestKeys.RFC8037_PRIVATE_JWK);
        byte[] input = utf8("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc");
        String expected =
                "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        assertEquals(expected, Base64Url.encode(key.sign(input)));
        assertTrue(
                key.publicJwk()
                        .verificationKey()
                        .verify(input, Base64Url.decode(expected, AAuthError.INVALID_JWT, "s")));
    }

    @Test
    @DisplayName(
            "\"ECDSA using P-256 with deterministic signatures ([RFC6979])\": RFC 6979 A.2.5, SHA-256, message \"sample\"")
    void rfc6979P256Sha256Sample() {
        Map<String, Object> jwk =
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "d",
                        Base64Url.encode(
                                Hex.decode(
                                        "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")),
                        "x",
                        Base64Url.encode(
                                Hex.decode(
                                        "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6")),
                        "y",
                        Base64Url.encode(
                                Hex.decode(
                                        "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299")));
        SigningKey key = SigningKey.fromJwk(jwk);
        byte[] sig = key.sign(utf8("sample"));
        assertEquals(
                "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
                Hex.toHexString(sig).toUpperCase());
        assertTrue(key.publicJwk().verificationKey().verify(utf8("sample"), sig));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void generatedKeysSignDeterministicallyAndVerify(SignatureAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg, "k1");
        byte[] data = utf8("GET /resource HTTP/1.1");
        byte[] sig = key.sign(data);
        assertEquals(64, sig.length);
        assertArrayEquals(sig, key.sign(data));
        VerificationKey vk = key.publicJwk().verificationKey();
        assertEquals(alg, vk.algorithm());
        assertTrue(vk.verify(data, sig));
        data[0] ^= 1;
        assertFalse(vk.verify(data, sig));
        byte[] padded = new byte[data.length + 10];
        data[0] ^= 1;
        System.arraycopy(data, 0, padded, 5, data.length);
        assertArrayEquals(sig, key.sign(padded, 5, data.length));
        assertTrue(vk.verify(padded, 5, data.length, sig));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void publicJwkCarriesKidAndAlgButNoPrivateMember(SignatureAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg, "k1");
        assertEquals(Optional.of("k1"), key.publicJwk().kid());
        assertEquals(Optional.of(alg.jwsAlg()), key.publicJwk().alg());
        assertFalse(key.publicJwk().toMap().containsKey("d"));
        assertFalse(key.toString().contains((String) key.toPrivateJwkMap().get("d")));
        assertEquals(Optional.empty(), SigningKey.generate(alg, null).publicJwk().kid());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void privateJwkRoundTrips(SignatureAlgorithm alg) {
        SigningKey key = SigningKey.generate(alg, "persisted");
        Map<String, Object> priv = key.toPrivateJwkMap();
        assertEquals(43, ((String) priv.get("d")).length());
        SigningKey loaded = SigningKey.fromJwk(priv);
        assertEquals(key.publicJwk(), loaded.publicJwk());
        assertArrayEquals(key.sign(utf8("x")), loaded.sign(utf8("x")));
        assertEquals(key.publicJwk(), SigningKey.fromJwkJson(key.toPrivateJwkJson()).publicJwk());
    }

    @Test
    @DisplayName("a private JWK whose d does not match its public members is invalid_key")
    void privateJwkMustBeConsistent() {
        Map<String, Object> a = new HashMap<>(TestKeys.ED.toPrivateJwkMap());
        a.put(
                "d",
                SigningKey.generate(SignatureAlgorithm.ED25519, null).toPrivateJwkMap().get("d"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(a));

        Map<String, Object> b = new HashMap<>(TestKeys.EC.toPrivateJwkMap());
        b.put("d", "AQAB");
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(b));
        b.put("d", Base64Url.encode(new byte[32]));
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(b));
        b.put(
                "d",
                Base64Url.encode(
                        Hex.decode(
                                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")));
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(b));
        b.remove("d");
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(b));
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(null));
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwkJson("{"));
    }

    @Test
    void privateRsaKeysAreRefused() {
        Map<String, Object> rsa = new HashMap<>(Jwk.parseJson(JwkTest.RFC7638_RSA).toMap());
        rsa.put("d", "AQAB");
        assertAAuthError(AAuthError.UNSUPPORTED_ALGORITHM, () -> SigningKey.fromJwk(rsa));
        rsa.put("p", "AQAB");
        assertAAuthError(AAuthError.INVALID_KEY, () -> SigningKey.fromJwk(rsa));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    @DisplayName(
            "one VerificationKey and one SigningKey used from many threads give correct results")
    void keysAreSafeToShareBetweenThreads(SignatureAlgorithm alg) throws Exception {
        SigningKey key = SigningKey.generate(alg, "shared");
        VerificationKey vk = key.publicJwk().verificationKey();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int id = t;
                results.add(
                        pool.submit(
                                () -> {
                                    boolean ok = true;
                                    for (int i = 0; i < 25; i++) {
                                        byte[] msg = utf8("message " + id + "/" + i);
                                        byte[] sig = key.sign(msg);
                                        ok &= vk.verify(msg, sig);
                                        msg[0] ^= 1;
                                        ok &= !vk.verify(msg, sig);
                                    }
                                    return ok;
                                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a malformed signature is just false: wrong length, null, all zero, all 0xff")
    void malformedSignaturesAreFalseNotExceptions() {
        for (SigningKey key : List.of(TestKeys.ED, TestKeys.EC)) {
            VerificationKey vk = key.publicJwk().verificationKey();
            byte[] data = utf8("d");
            byte[] good = key.sign(data);
            assertFalse(vk.verify(data, null));
            assertFalse(vk.verify(data, new byte[0]));
            assertFalse(vk.verify(data, new byte[63]));
            assertFalse(vk.verify(data, java.util.Arrays.copyOf(good, 65)));
            assertFalse(vk.verify(data, new byte[64]));
            byte[] ff = new byte[64];
            java.util.Arrays.fill(ff, (byte) 0xff);
            assertFalse(vk.verify(data, ff));
        }
    }
}
