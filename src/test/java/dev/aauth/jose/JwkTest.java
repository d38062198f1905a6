package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwkTest {

    /** RFC 7638 section 3.1, the example RSA key (from RFC 7517 appendix A.1). */
    static final String RFC7638_RSA =
            "{\"kty\":\"RSA\","
                    + "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\","
                    + "\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

    @Test
    @DisplayName(
            "RFC 7638 section 3.1: the example RSA key's thumbprint is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    void rfc7638ExampleThumbprint() {
        Jwk jwk = Jwk.parseJson(RFC7638_RSA);
        assertEquals(
                "{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"" + jwk.n() + "\"}",
                jwk.thumbprintInput());
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.thumbprint());
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.thumbprint("sha-256"));
        assertEquals(
                "urn:jkt:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
                jwk.thumbprintUri("sha-256"));
        assertEquals(jwk.thumbprintUri("sha-256"), jwk.thumbprintUri());
    }

    @Test
    @DisplayName(
            "RFC 8037 appendix A.3: Ed25519 thumbprint kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
    void rfc8037ExampleThumbprint() {
        Jwk jwk = Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK);
        assertEquals(
                "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
                jwk.thumbprintInput());
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", jwk.thumbprint());
    }

    @Test
    @DisplayName("thumbprints agree with jose4j for sha-256 and sha-512, EC and OKP")
    void thumbprintsMatchJose4j() throws Exception {
        for (Jwk jwk :
                List.of(
                        Jwk.parse(TestKeys.DRAFT_P256),
                        Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK),
                        TestKeys.ED.publicJwk(),
                        TestKeys.EC.publicJwk())) {
            JsonWebKey j = JsonWebKey.Factory.newJwk(new HashMap<>(jwk.toMap()));
            assertEquals(
                    j.calculateBase64urlEncodedThumbprint("SHA-256"), jwk.thumbprint("sha-256"));
            assertEquals(
                    j.calculateBase64urlEncodedThumbprint("SHA-512"), jwk.thumbprint("sha-512"));
            assertTrue(jwk.thumbprintUri("sha-512").startsWith("urn:jkt:sha-512:"));
        }
    }

    @Test
    void thumbprintWithAnUnsupportedHashIsRefused() {
        Jwk jwk = TestKeys.ED.publicJwk();
        assertAAuthError(AAuthError.INVALID_KEY, () -> jwk.thumbprint("sha-1"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> jwk.thumbprint("SHA-256"));
    }

    @Test
    @DisplayName(
            "Erratum in the Signature-Key draft: the jkt-jwt example iss is the RFC 7638 RSA thumbprint, not that of its P-256 header jwk")
    void draftJktJwtExampleIssIsNotTheThumbprintOfItsHeaderKey() {
        Jwk header = Jwk.parse(TestKeys.DRAFT_P256);
        assertNotEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", header.thumbprint());
    }

    @Test
    void parsesEd25519AndP256AndExposesMembers() {
        Jwk ed = Jwk.parseJson(TestKeys.RFC8037_PUBLIC_JWK);
        assertEquals("OKP", ed.kty());
        assertEquals("Ed25519", ed.crv());
        assertEquals(SignatureAlgorithm.ED25519, ed.algorithm());
        assertEquals(Optional.empty(), ed.kid());
        Jwk ec = Jwk.parse(TestKeys.DRAFT_P256);
        assertEquals("EC", ec.kty());
        assertEquals("P-256", ec.crv());
        assertEquals("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", ec.y());
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, ec.verificationKey().algorithm());
    }

    @Test
    void toMapHasOnlyPublicMembersInStableOrderAndRoundTrips() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("use", "sig");
        in.put("alg", "ES256");
        in.put("kid", "k1");
        in.put("x5c", List.of("MIIB"));
        in.put("key_ops", List.of("verify"));
        in.putAll(TestKeys.DRAFT_P256);
        Jwk jwk = Jwk.parse(in);
        assertEquals(
                List.of("kty", "crv", "x", "y", "kid", "alg", "use"),
                List.copyOf(jwk.toMap().keySet()));
        assertEquals(jwk, Jwk.parseJson(jwk.toJson()));
        assertEquals(jwk.toJson(), jwk.toString());
    }

    @Test
    void equalsCoversAllPublicMembersAndSameKeyAsOnlyTheKeyMaterial() {
        Jwk a = Jwk.parse(TestKeys.DRAFT_P256);
        Jwk b = Jwk.parse(new HashMap<>(TestKeys.DRAFT_P256));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Jwk withKid = a.withKid("k");
        assertNotEquals(a, withKid);
        assertTrue(a.sameKeyAs(withKid));
        assertEquals(a, withKid.withoutMetadata());
        assertEquals(a.thumbprint(), withKid.thumbprint());
        assertFalse(a.sameKeyAs(TestKeys.EC.publicJwk()));
    }

    @Test
    void verificationKeyIsBuiltOnceAndShared() {
        Jwk jwk = Jwk.parse(TestKeys.DRAFT_P256);
        assertSame(jwk.verificationKey(), jwk.verificationKey());
        assertSame(jwk.verificationKey(), jwk.withKid("k").verificationKey());
    }

    @Test
    @DisplayName("\"Ed25519 x\" must be exactly 32 bytes")
    void ed25519KeyMustBe32Bytes() {
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.ed25519(new byte[31]));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.ed25519(new byte[33]));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () -> Jwk.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", "")));
    }

    @Test
    @DisplayName(
            "EC coordinates MUST be \"the full size of a coordinate for the curve\" (RFC 7518 6.2.1.2)")
    void p256CoordinatesMustBeExactly32Bytes() {
        byte[] x =
                Base64Url.decode(
                        (String) TestKeys.DRAFT_P256.get("x"), AAuthError.INVALID_KEY, "x");
        byte[] y =
                Base64Url.decode(
                        (String) TestKeys.DRAFT_P256.get("y"), AAuthError.INVALID_KEY, "y");
        byte[] x33 = new byte[33];
        System.arraycopy(x, 0, x33, 1, 32);
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(x33, y));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.p256(java.util.Arrays.copyOf(x, 31), y));
    }

    @Test
    void requiredMembersMustBePresentAndStrings() {
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "crv",
                                        "Ed25519",
                                        "x",
                                        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "kty",
                                        "OKP",
                                        "x",
                                        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")));
        assertAAuthError(
                AAuthError.INVALID_KEY, () -> Jwk.parse(Map.of("kty", "OKP", "crv", "Ed25519")));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "kty",
                                        "EC",
                                        "crv",
                                        "P-256",
                                        "x",
                                        TestKeys.DRAFT_P256.get("x"))));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () -> Jwk.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", 5L)));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () -> Jwk.parse(Map.of("kty", List.of("OKP"), "crv", "Ed25519", "x", "a")));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(null));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parseJson("[]"));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parseJson("{\"kty\":\"OKP\""));
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parseJson(null));
    }

    @Test
    @DisplayName(
            "duplicate member names are refused (two parsers could otherwise disagree on the key)")
    void duplicateMembersAreRefused() {
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parseJson(
                                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));
    }

    @Test
    void membersOfAnotherKeyTypeAreRefused() {
        Map<String, Object> m = new HashMap<>(TestKeys.DRAFT_P256);
        m.put("n", "AQAB");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(m));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "kty",
                                        "OKP",
                                        "crv",
                                        "Ed25519",
                                        "x",
                                        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                                        "y",
                                        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")));
    }

    @Test
    void rsaMembersWithLeadingZeroOctetsAreRefused() {
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () -> Jwk.parse(Map.of("kty", "RSA", "n", "AAEC", "e", "AQAB")));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () -> Jwk.parse(Map.of("kty", "RSA", "n", "AQEC", "e", "AAEAAQ")));
    }

    @Test
    @DisplayName(
            "\"Ensure the key type is consistent with the derived algorithm\": a JWK alg contradicting kty/crv is invalid_key")
    void jwkAlgMustBeConsistentWithKeyType() {
        Map<String, Object> ed =
                new HashMap<>(
                        Map.of(
                                "kty",
                                "OKP",
                                "crv",
                                "Ed25519",
                                "x",
                                "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
        ed.put("alg", "ES256");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ed));
        ed.put("alg", "HS256");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ed));
        ed.put("alg", "none");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ed));
        ed.put("alg", "Ed25519");
        assertEquals(SignatureAlgorithm.ED25519, Jwk.parse(ed).algorithm());
        ed.put("alg", "EdDSA");
        assertEquals(SignatureAlgorithm.ED25519, Jwk.parse(ed).algorithm());

        Map<String, Object> ec = new HashMap<>(TestKeys.DRAFT_P256);
        ec.put("alg", "EdDSA");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ec));
        ec.put("alg", "ES384");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ec));
        ec.put("alg", "ES256");
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, Jwk.parse(ec).algorithm());

        Map<String, Object> rsa = new HashMap<>(Jwk.parseJson(RFC7638_RSA).toMap());
        rsa.put("alg", "ES256");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(rsa));
    }

    @Test
    @DisplayName(
            "unknown kty and unknown curves are unsupported_algorithm; oct (symmetric) keys are invalid_key")
    void unknownTypesAndCurves() {
        assertAAuthError(
                AAuthError.UNSUPPORTED_ALGORITHM,
                () -> Jwk.parse(Map.of("kty", "AKP", "alg", "ML-DSA-44", "pub", "AQAB")));
        assertAAuthError(
                AAuthError.UNSUPPORTED_ALGORITHM,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "kty",
                                        "EC",
                                        "crv",
                                        "secp256k1",
                                        "x",
                                        TestKeys.DRAFT_P256.get("x"),
                                        "y",
                                        TestKeys.DRAFT_P256.get("y"))));
        assertAAuthError(
                AAuthError.UNSUPPORTED_ALGORITHM,
                () -> Jwk.parse(Map.of("kty", "OKP", "crv", "Ed1174", "x", "AQAB")));
        assertAAuthError(
                AAuthError.INVALID_KEY, () -> Jwk.parse(Map.of("kty", "oct", "alg", "HS256")));
    }

    @Test
    @DisplayName(
            "RSA, P-384 and X25519 keys parse and have thumbprints but never verify AAuth signatures")
    void nonAAuthKeysParseButHaveNoVerificationKey() {
        X9ECParameters p384 = CustomNamedCurves.getByName("secp384r1");
        ECPoint q = p384.getG().multiply(BigInteger.valueOf(123456789)).normalize();
        Jwk ec384 =
                Jwk.parse(
                        Map.of(
                                "kty",
                                "EC",
                                "crv",
                                "P-384",
                                "x",
                                Base64Url.encode(
                                        BigIntegers.asUnsignedByteArray(
                                                48, q.getAffineXCoord().toBigInteger())),
                                "y",
                                Base64Url.encode(
                                        BigIntegers.asUnsignedByteArray(
                                                48, q.getAffineYCoord().toBigInteger()))));
        Jwk rsa = Jwk.parseJson(RFC7638_RSA);
        Jwk x25519 =
                Jwk.parse(
                        Map.of(
                                "kty",
                                "OKP",
                                "crv",
                                "X25519",
                                "x",
                                "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"));
        for (Jwk k : List.of(ec384, rsa, x25519)) {
            assertEquals(43, k.thumbprint().length());
            assertAAuthError(AAuthError.UNSUPPORTED_ALGORITHM, k::verificationKey);
        }
        byte[] offCurveY =
                BigIntegers.asUnsignedByteArray(
                        48, q.getAffineYCoord().toBigInteger().add(BigInteger.ONE));
        assertAAuthError(
                AAuthError.INVALID_KEY,
                () ->
                        Jwk.parse(
                                Map.of(
                                        "kty",
                                        "EC",
                                        "crv",
                                        "P-384",
                                        "x",
                                        Base64Url.encode(
                                                BigIntegers.asUnsignedByteArray(
                                                        48, q.getAffineXCoord().toBigInteger())),
                                        "y",
                                        Base64Url.encode(offCurveY))));
    }

    @Test
    @DisplayName("a key whose use is not \"sig\" never verifies signatures")
    void encryptionKeysDoNotVerify() {
        Map<String, Object> m = new HashMap<>(TestKeys.DRAFT_P256);
        m.put("use", "enc");
        Jwk jwk = Jwk.parse(m);
        assertAAuthError(AAuthError.INVALID_KEY, jwk::verificationKey);
    }

    @Test
    void withAlgRevalidates() {
        Jwk ec = Jwk.parse(TestKeys.DRAFT_P256);
        assertEquals(Optional.of("ES256"), ec.withAlg("ES256").alg());
        assertEquals(Optional.empty(), ec.withAlg("ES256").withAlg(null).alg());
        assertAAuthError(AAuthError.INVALID_KEY, () -> ec.withAlg("EdDSA"));
    }
}
