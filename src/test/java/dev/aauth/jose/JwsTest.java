package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static dev.aauth.jose.TestKeys.b64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwsTest {

    private static final Map<String, Object> CLAIMS = claims();

    private static Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "https://agent.example");
        c.put("sub", "aauth:assistant@agent.example");
        c.put("iat", 1732210000L);
        c.put("exp", 1732213600L);
        c.put(
                "cnf",
                Map.of(
                        "jwk",
                        Map.of(
                                "kty",
                                "OKP",
                                "crv",
                                "Ed25519",
                                "x",
                                "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs")));
        return c;
    }

    @BeforeAll
    static void bouncyCastleProviderForJose4j() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private static ProviderContext bc() {
        ProviderContext pc = new ProviderContext();
        pc.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        pc.getGeneralProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        return pc;
    }

    static SigningKey key(SignatureAlgorithm alg) {
        return alg == SignatureAlgorithm.ED25519 ? TestKeys.ED : TestKeys.EC;
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signParseVerifyRoundTrip(SignatureAlgorithm alg) {
        SigningKey key = key(alg);
        String jwt = Jws.sign(Map.of("typ", "aa-agent+jwt"), CLAIMS, key);
        ParsedJws p = Jws.parse(jwt);
        assertEquals(alg.jwsAlg(), p.alg());
        assertEquals(alg, p.algorithm());
        assertEquals(Optional.of("aa-agent+jwt"), p.typ());
        assertEquals(key.kid(), p.kid());
        assertEquals(CLAIMS, p.claims());
        assertArrayEquals(
                jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII),
                p.signingInput());
        assertEquals(64, p.signature().length);
        p.verify(key.publicJwk());
        assertTrue(p.isValidSignature(key.publicJwk().withoutMetadata()));
        assertEquals(List.of("alg", "typ", "kid"), List.copyOf(p.header().keySet()));
    }

    @Test
    void headerKidAndFullySpecifiedAlgAreKept() {
        String jwt = Jws.sign(Map.of("kid", "other", "alg", "Ed25519"), CLAIMS, TestKeys.ED);
        ParsedJws p = Jws.parse(jwt);
        assertEquals(Optional.of("other"), p.kid());
        assertEquals("Ed25519", p.alg());
        p.verify(TestKeys.ED.publicJwk());
        assertEquals(
                Optional.empty(),
                Jws.parse(
                                Jws.sign(
                                        null,
                                        CLAIMS,
                                        SigningKey.generate(SignatureAlgorithm.ED25519, null)))
                        .kid());
    }

    @Test
    void signingRefusesAHeaderAlgOfAnotherAlgorithm() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Jws.sign(Map.of("alg", "ES256"), CLAIMS, TestKeys.ED));
        assertThrows(
                IllegalArgumentException.class,
                () -> Jws.sign(Map.of("alg", "none"), CLAIMS, TestKeys.EC));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    @DisplayName("a modified payload or signature fails with invalid_jwt")
    void tamperingFails(SignatureAlgorithm alg) {
        SigningKey key = key(alg);
        String jwt = Jws.sign(Map.of(), CLAIMS, key);
        String[] parts = jwt.split("\\.");
        Map<String, Object> evil = new HashMap<>(CLAIMS);
        evil.put("sub", "aauth:admin@agent.example");
        String forged =
                parts[0]
                        + "."
                        + Base64Url.encode(
                                JsonObjects.toJson(evil).getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[2];
        assertFalse(Jws.parse(forged).isValidSignature(key.publicJwk()));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(forged).verify(key.publicJwk()));
        SigningKey other = SigningKey.generate(alg, "x");
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(jwt).verify(other.publicJwk()));
    }

    @Test
    @DisplayName("exactly three parts")
    void exactlyThreeParts() {
        String jwt = Jws.sign(Map.of(), CLAIMS, TestKeys.ED);
        String[] p = jwt.split("\\.");
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(p[0] + "." + p[1]));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(jwt + "."));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(jwt + "." + p[2]));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse("." + p[1] + "." + p[2]));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(p[0] + ".." + p[2]));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(""));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(null));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse("eyJ"));
    }

    @Test
    @DisplayName("header and payload must be JSON objects in UTF-8")
    void headerAndPayloadMustBeJsonObjects() {
        String sig = "." + Base64Url.encode(new byte[64]);
        String goodHeader = b64("{\"alg\":\"EdDSA\"}");
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(goodHeader + "." + b64("[1,2]") + sig));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(goodHeader + "." + b64("\"claims\"") + sig));
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(goodHeader + "." + b64("{\"a\":1") + sig));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(b64("[\"EdDSA\"]") + "." + b64("{}") + sig));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () ->
                        Jws.parse(
                                goodHeader
                                        + "."
                                        + Base64Url.encode(
                                                new byte[] {
                                                    '{', '"', (byte) 0xff, '"', ':', '1', '}'
                                                })
                                        + sig));
        assertEquals(Map.of(), Jws.parse(goodHeader + "." + b64("{}") + sig).claims());
    }

    @Test
    @DisplayName("duplicate header or claim names are refused")
    void duplicateMemberNamesAreRefused() {
        String sig = "." + Base64Url.encode(new byte[64]);
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () ->
                        Jws.parse(
                                b64("{\"alg\":\"EdDSA\",\"alg\":\"none\"}")
                                        + "."
                                        + b64("{}")
                                        + sig));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () ->
                        Jws.parse(
                                b64("{\"alg\":\"EdDSA\"}")
                                        + "."
                                        + b64("{\"sub\":\"a\",\"sub\":\"b\"}")
                                        + sig));
    }

    @Test
    @DisplayName(
            "RFC 7515 4.1.11: a crit extension that is not understood MUST make the JWS invalid")
    void critIsRejected() {
        String jwt = Jws.sign(Map.of("crit", List.of("exp"), "exp", 1L), CLAIMS, TestKeys.ED);
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(jwt));
        String b64 = Jws.sign(Map.of("b64", false), CLAIMS, TestKeys.ED);
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(b64));
    }

    @Test
    void typKidCtyMustBeStrings() {
        String jwt = Jws.sign(Map.of("kid", 5L), CLAIMS, TestKeys.ED);
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(jwt));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(Jws.sign(Map.of("typ", List.of("jwt")), CLAIMS, TestKeys.ED)));
    }

    @Test
    void headerJwkIsParsedAsAPublicKey() {
        String jwt =
                Jws.sign(
                        Map.of(
                                "typ",
                                "jkt-s256+jwt",
                                "jwk",
                                TestKeys.ED.publicJwk().withoutMetadata().toMap()),
                        CLAIMS,
                        TestKeys.ED);
        ParsedJws p = Jws.parse(jwt);
        Jwk jwk = p.headerJwk().orElseThrow();
        assertTrue(jwk.sameKeyAs(TestKeys.ED.publicJwk()));
        p.verify(jwk);
        assertEquals(
                Optional.empty(), Jws.parse(Jws.sign(Map.of(), CLAIMS, TestKeys.ED)).headerJwk());
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(Jws.sign(Map.of("jwk", "x"), CLAIMS, TestKeys.ED)).headerJwk());
    }

    // ---------------------------------------------------------------- interop with jose4j

    @Test
    @DisplayName("an EdDSA token minted by jose4j (BC provider) verifies with our verifier")
    void jose4jEdDsaTokenVerifies() throws Exception {
        OctetKeyPairJsonWebKey jwk =
                OkpJwkGenerator.generateJwk(
                        OctetKeyPairJsonWebKey.SUBTYPE_ED25519,
                        BouncyCastleProvider.PROVIDER_NAME,
                        null);
        jwk.setKeyId("j4j-ed");
        String token = mintWithJose4j(jwk, AlgorithmIdentifiers.EDDSA);
        Jwk ours = Jwk.parse(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        ParsedJws p = Jws.parse(token);
        assertEquals(Optional.of("j4j-ed"), p.kid());
        p.verify(ours);
        assertEquals(CLAIMS, p.claims());
    }

    @Test
    @DisplayName("an ES256 token minted by jose4j (BC provider) verifies with our verifier")
    void jose4jEs256TokenVerifies() throws Exception {
        PublicJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String token = mintWithJose4j(jwk, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        Jwk ours = Jwk.parse(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        Jws.parse(token).verify(ours);
    }

    private static String mintWithJose4j(PublicJsonWebKey jwk, String alg) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(bc());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(jwk.getKeyId());
        jws.setPayload(JsonObjects.toJson(CLAIMS));
        jws.setKey(jwk.getPrivateKey());
        return jws.getCompactSerialization();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    @DisplayName(
            "a token minted by us verifies with jose4j (BC provider), and our private JWK loads in jose4j")
    void ourTokensVerifyWithJose4j(SignatureAlgorithm alg) throws Exception {
        SigningKey key = key(alg);
        String token = Jws.sign(Map.of("typ", "aa-agent+jwt"), CLAIMS, key);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(bc());
        jws.setCompactSerialization(token);
        jws.setKey(
                PublicJsonWebKey.Factory.newPublicJwk(new HashMap<>(key.publicJwk().toMap()))
                        .getPublicKey());
        assertTrue(jws.verifySignature());
        assertEquals(CLAIMS, JsonObjects.parse(jws.getPayload(), AAuthError.INVALID_JWT, "p"));

        // jose4j signs with our persisted private key; we verify with our public key.
        PublicJsonWebKey imported =
                PublicJsonWebKey.Factory.newPublicJwk(new HashMap<>(key.toPrivateJwkMap()));
        String theirs = mintWithJose4j(imported, alg.jwsAlg());
        Jws.parse(theirs).verify(key.publicJwk());
    }
}
