package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwkSetTest {

    @Test
    void parsesAJwksAndFindsKeysByKid() {
        String json =
                "{\"keys\":["
                        + TestKeys.ED.publicJwk().toJson()
                        + ","
                        + TestKeys.EC.publicJwk().toJson()
                        + "]}";
        JwkSet set = JwkSet.parseJson(json);
        assertEquals(2, set.size());
        assertEquals(Optional.of(TestKeys.ED.publicJwk()), set.byKid("ed-1"));
        assertEquals(Optional.of(TestKeys.EC.publicJwk()), set.byKid("ec-1"));
        assertEquals(Optional.empty(), set.byKid("nope"));
        assertEquals(Optional.empty(), set.byKid(null));
        assertEquals(set, JwkSet.parseJson(set.toJson()));
        assertEquals(0, set.skipped());
    }

    @Test
    @DisplayName(
            "\"Implementations SHOULD ignore JWKs within a JWK Set that use kty values that are not understood\"")
    void unsupportedKeyTypesAreSkippedAndTheRestIsKept() {
        List<Object> keys = new ArrayList<>();
        keys.add(Map.of("kty", "AKP", "kid", "pq", "alg", "ML-DSA-44", "pub", "AQAB"));
        keys.add(Map.of("kty", "oct", "kid", "sym", "k", "c2VjcmV0"));
        keys.add(Map.of("kty", "EC", "crv", "secp256k1", "kid", "k1", "x", "AQAB", "y", "AQAB"));
        keys.add(TestKeys.ED.publicJwk().toMap());
        keys.add(Jwk.parseJson(JwkTest.RFC7638_RSA).toMap());
        JwkSet set = JwkSet.parse(Map.of("keys", keys));
        assertEquals(
                List.of(TestKeys.ED.publicJwk(), Jwk.parseJson(JwkTest.RFC7638_RSA)), set.keys());
        assertEquals(3, set.skipped());
        assertTrue(
                set.byKid("2011-04-29")
                        .isPresent()); // RSA parses (never verifies AAuth signatures)
    }

    @Test
    @DisplayName("duplicate kid: the first key listed wins, later ones are dropped")
    void duplicateKidKeepsTheFirst() {
        SigningKey impostor = SigningKey.generate(SignatureAlgorithm.ED25519, "ed-1");
        JwkSet set =
                JwkSet.parse(
                        Map.of(
                                "keys",
                                List.of(
                                        TestKeys.ED.publicJwk().toMap(),
                                        impostor.publicJwk().toMap())));
        assertEquals(Optional.of(TestKeys.ED.publicJwk()), set.byKid("ed-1"));
        assertEquals(1, set.size());
        assertEquals(1, set.skipped());
        JwkSet of = JwkSet.of(List.of(TestKeys.ED.publicJwk(), impostor.publicJwk()));
        assertEquals(Optional.of(TestKeys.ED.publicJwk()), of.byKid("ed-1"));
    }

    @Test
    void encryptionKeysAreSkipped() {
        Map<String, Object> enc = new HashMap<>(TestKeys.EC.publicJwk().toMap());
        enc.put("use", "enc");
        JwkSet set = JwkSet.parse(Map.of("keys", List.of(enc)));
        assertTrue(set.isEmpty());
        Map<String, Object> sig = new HashMap<>(enc);
        sig.put("use", "sig");
        assertEquals(1, JwkSet.parse(Map.of("keys", List.of(sig))).size());
    }

    @Test
    void keysWithoutKidAreListedButNotFoundByKid() {
        Jwk bare = TestKeys.ED.publicJwk().withoutMetadata();
        JwkSet set = JwkSet.of(List.of(bare));
        assertEquals(List.of(bare), set.keys());
        assertEquals(Optional.of(bare), set.findSameKey(TestKeys.ED.publicJwk()));
        assertEquals(Optional.empty(), set.findSameKey(TestKeys.EC.publicJwk()));
    }

    @Test
    @DisplayName("a malformed JWKS document is invalid_key")
    void malformedDocumentsAreInvalidKey() {
        assertAAuthError(AAuthError.INVALID_KEY, () -> JwkSet.parseJson("{}"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> JwkSet.parseJson("{\"keys\":{}}"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> JwkSet.parseJson("{\"keys\":[\"x\"]}"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> JwkSet.parseJson("[]"));
        assertAAuthError(
                AAuthError.INVALID_KEY, () -> JwkSet.parseJson("{\"keys\":[],\"keys\":[]}"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> JwkSet.parse(null));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        JwkSet.parse(
                                Map.of(
                                        "keys",
                                        Collections.nCopies(
                                                JwkSet.MAX_KEYS + 1,
                                                TestKeys.ED.publicJwk().toMap()))));
        assertEquals(
                1,
                JwkSet.parse(
                                Map.of(
                                        "keys",
                                        Collections.nCopies(
                                                JwkSet.MAX_KEYS, TestKeys.ED.publicJwk().toMap())))
                        .size());
        assertSame(JwkSet.empty(), JwkSet.empty());
        assertTrue(JwkSet.parseJson("{\"keys\":[]}").isEmpty());
    }

    @Test
    void toJsonPublishesOnlyPublicMembers() {
        JwkSet set = JwkSet.of(List.of(TestKeys.EC.publicJwk()));
        assertEquals("{\"keys\":[" + TestKeys.EC.publicJwk().toJson() + "]}", set.toJson());
    }
}
