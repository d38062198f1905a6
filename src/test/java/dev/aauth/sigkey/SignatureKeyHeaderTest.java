package dev.aauth.sigkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sfv.ByteSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Signature-Key header (Signature-Key draft, "Signature-Key HTTP Request Header" and its
 * schemes).
 */
class SignatureKeyHeaderTest {

    /** The Ed25519 key of the draft's jkt-jwt / jwt examples (cnf.jwk). */
    static final String DRAFT_ED25519_X = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs";

    /** The P-256 key of the draft's hwk EC and jkt-jwt examples (RFC 7515 appendix A.3). */
    static final String DRAFT_P256_X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";

    static final String DRAFT_P256_Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    /**
     * The RSA modulus of the draft's hwk RSA example ("0vx7agoebGcQ..."), RFC 7517 appendix A.1.
     */
    static final String RFC7517_RSA_N =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    static AAuthException assertError(AAuthError expected, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(expected, e.error(), () -> "detail: " + e.detail());
        return e;
    }

    private static SignatureKey only(String header) {
        return SignatureKeyHeader.parse(header).keyFor("sig");
    }

    // ------------------------------------------------------------ round trips

    @Test
    @DisplayName(
            "Round trip, hwk (OKP and EC): \"The parameter names and values correspond directly to the JWK parameters\"")
    void hwkRoundTrip() {
        for (SigningKey k :
                List.of(
                        SigningKey.generate(SignatureAlgorithm.ED25519, "kid-dropped"),
                        SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null))) {
            SignatureKey.Hwk hwk = new SignatureKey.Hwk(k.publicJwk());
            String header = SignatureKeyHeader.serialize("sig", hwk);
            assertFalse(header.contains("alg="), "The alg parameter MUST NOT be present");
            assertFalse(header.contains("kid="), "The kid parameter SHOULD NOT be used");
            assertEquals(hwk, only(header));
        }
        Jwk ed = Jwk.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", DRAFT_ED25519_X));
        assertEquals(
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\"",
                SignatureKeyHeader.serialize("sig", new SignatureKey.Hwk(ed)));
    }

    @Test
    @DisplayName("Round trip, jwt, jkt-jwt, jwks_uri, x509, with the draft's exact serialization")
    void otherSchemesRoundTrip() {
        Map<String, SignatureKey> keys = new LinkedHashMap<>();
        keys.put("sig", new SignatureKey.Jwt("eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln"));
        keys.put(
                "sig2",
                new SignatureKey.JwksUri(
                        "https://client.example", "example-configuration", "key-1"));
        keys.put("sig3", new SignatureKey.JktJwt("eyJ0eXAiOiJqa3QtczI1Nitqd3QifQ.e30.c2ln"));
        keys.put(
                "sig4",
                new SignatureKey.X509(
                        "https://client.example/.well-known/cert.pem",
                        ByteSequence.of(
                                java.util.Base64.getDecoder()
                                        .decode("bWcoon4QTVn8Q6xiY0ekMD6L8bNLMkuDV2KtvsFc1nM="))));
        String header = SignatureKeyHeader.serialize(keys);
        assertEquals(
                "sig=jwt;jwt=\"eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln\", "
                        + "sig2=jwks_uri;id=\"https://client.example\";dwk=\"example-configuration\";kid=\"key-1\", "
                        + "sig3=jkt-jwt;jwt=\"eyJ0eXAiOiJqa3QtczI1Nitqd3QifQ.e30.c2ln\", "
                        + "sig4=x509;x5u=\"https://client.example/.well-known/cert.pem\";x5t=:bWcoon4QTVn8Q6xiY0ekMD6L8bNLMkuDV2KtvsFc1nM=:",
                header);
        SignatureKeyHeader parsed = SignatureKeyHeader.parse(header);
        assertEquals(keys, parsed.all());
        for (Map.Entry<String, SignatureKey> e : keys.entrySet()) {
            assertEquals(e.getValue(), parsed.keyFor(e.getKey()));
            assertEquals(e.getValue().scheme(), parsed.keyFor(e.getKey()).scheme());
        }
        assertEquals(List.of("sig", "sig2", "sig3", "sig4"), List.copyOf(parsed.all().keySet()));
    }

    // ------------------------------------------------------------ the drafts' examples

    @Test
    @DisplayName(
            "Draft examples parse: hwk OKP, EC and RSA (with the examples' keys written out in full)")
    void draftHwkExamplesParse() {
        SignatureKey okp =
                only("sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\"");
        assertEquals("Ed25519", ((SignatureKey.Hwk) okp).jwk().crv());
        SignatureKey ec =
                only(
                        "sig=hwk;kty=\"EC\";crv=\"P-256\";x=\""
                                + DRAFT_P256_X
                                + "\";y=\""
                                + DRAFT_P256_Y
                                + "\"");
        assertEquals(DRAFT_P256_Y, ((SignatureKey.Hwk) ec).jwk().y());
        SignatureKey rsa = only("sig=hwk;kty=\"RSA\";n=\"" + RFC7517_RSA_N + "\";e=\"AQAB\"");
        assertEquals("RSA", ((SignatureKey.Hwk) rsa).jwk().kty());
    }

    @Test
    @DisplayName("Draft examples parse: jwks_uri, jwt, jkt-jwt, x509 and the two-signature header")
    void draftOtherExamplesParse() {
        assertEquals(
                new SignatureKey.JwksUri(
                        "https://client.example", "example-configuration", "key-1"),
                only(
                        "sig=jwks_uri;id=\"https://client.example\";dwk=\"example-configuration\";kid=\"key-1\""));
        assertEquals(
                new SignatureKey.Jwt("eyJhbGciOiJFUzI1NiI..."),
                only("sig=jwt;jwt=\"eyJhbGciOiJFUzI1NiI...\""));
        assertEquals(new SignatureKey.JktJwt("eyJ..."), only("sig=jkt-jwt;jwt=\"eyJ...\""));
        SignatureKey x509 =
                only(
                        "sig=x509;x5u=\"https://client.example/.well-known/cert.pem\";x5t=:bWcoon4QTVn8Q6xiY0ekMD6L8bNLMkuDV2KtvsFc1nM=:");
        assertEquals(32, ((SignatureKey.X509) x509).x5t().length());
        SignatureKeyHeader two =
                SignatureKeyHeader.parse(
                        "sig1=jwt;jwt=\"eyJ...\", sig2=jwks_uri;id=\"https://example.com\";dwk=\"eg-config\";kid=\"k1\"");
        assertInstanceOf(SignatureKey.Jwt.class, two.keyFor("sig1"));
        assertEquals(
                new SignatureKey.JwksUri("https://example.com", "eg-config", "k1"),
                two.keyFor("sig2"));
        assertTrue(two.hasLabel("sig1"));
    }

    @Test
    @DisplayName(
            "Draft inconsistency: the AAuth draft's PS-to-AS example \"sig=jwks_uri; jwks_uri=...\" lacks the REQUIRED id, dwk, kid and is invalid_key")
    void aauthDraftJwksUriExampleIsNotValidSignatureKey04() {
        assertError(
                AAuthError.INVALID_KEY,
                () -> only("sig=jwks_uri; jwks_uri=\"https://ps.example/.well-known/jwks.json\""));
    }

    // ------------------------------------------------------------ failures

    @Test
    @DisplayName(
            "\"If the Signature-Key header is present ... but the corresponding dictionary member is missing, verification for that signature MUST fail\" (invalid_key)")
    void missingMemberForLabel() {
        SignatureKeyHeader h = SignatureKeyHeader.parse("other=jwt;jwt=\"x\"");
        assertFalse(h.hasLabel("sig"));
        assertError(AAuthError.INVALID_KEY, () -> h.keyFor("sig"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sig=hwt;jwt=\"x\"",
                "sig=JWT;jwt=\"x\"",
                "sig=oauth;token=\"x\"",
                "sig=\"jwt\";jwt=\"x\"",
                "sig=(jwt);jwt=\"x\"",
                "sig=1;jwt=\"x\"",
                "sig;jwt=\"x\""
            })
    @DisplayName("An unknown scheme, or a member that is not a Token naming one, is invalid_key")
    void unknownScheme(String header) {
        assertError(AAuthError.INVALID_KEY, () -> only(header));
    }

    @Test
    @DisplayName("hwk: \"The alg parameter MUST NOT be present\" (invalid_key)")
    void hwkWithAlg() {
        assertError(
                AAuthError.INVALID_KEY,
                () ->
                        only(
                                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\""
                                        + DRAFT_ED25519_X
                                        + "\";alg=\"EdDSA\""));
        assertError(
                AAuthError.INVALID_KEY,
                () ->
                        only(
                                "sig=hwk;alg=\"EdDSA\";kty=\"OKP\";crv=\"Ed25519\";x=\""
                                        + DRAFT_ED25519_X
                                        + "\""));
    }

    @Test
    @DisplayName(
            "hwk with a private key member (d) is invalid_key: a header is no place for a secret")
    void hwkWithPrivateKey() {
        assertError(
                AAuthError.INVALID_KEY,
                () ->
                        only(
                                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\";"
                                        + "d=\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sig=hwk;kty=OKP;crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\"",
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=:JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=:",
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\";use=1",
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\";kid",
                "sig=jwt;jwt=eyJ",
                "sig=jwt;jwt=1",
                "sig=jwt;jwt=\"\"",
                "sig=jkt-jwt;jwt=?1",
                "sig=jwks_uri;id=https;dwk=\"d\";kid=\"k\"",
                "sig=jwks_uri;id=\"https://a.example\";dwk=\"d\";kid=7",
                "sig=x509;x5u=\"https://a.example/c.pem\";x5t=\"bWco\""
            })
    @DisplayName(
            "Parameters \"are structured field strings or byte sequences\" as each scheme defines: another type is invalid_key")
    void nonStringParameters(String header) {
        assertError(AAuthError.INVALID_KEY, () -> only(header));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\"",
                "sig=hwk;crv=\"Ed25519\";x=\"" + DRAFT_ED25519_X + "\"",
                "sig=hwk;kty=\"EC\";crv=\"P-256\";x=\"" + DRAFT_P256_X + "\"",
                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"AAAA\"",
                "sig=hwk;kty=\"oct\";k=\"c2VjcmV0\"",
                "sig=jwt",
                "sig=jkt-jwt",
                "sig=jwks_uri;id=\"https://a.example\";dwk=\"d\"",
                "sig=jwks_uri;dwk=\"d\";kid=\"k\"",
                "sig=jwks_uri;id=\"https://a.example\";kid=\"k\"",
                "sig=x509;x5u=\"https://a.example/c.pem\"",
                "sig=x509;x5t=:bWco:"
            })
    @DisplayName(
            "A missing REQUIRED parameter or an unparsable key is invalid_key: \"could not be parsed\"")
    void missingRequiredParameters(String header) {
        assertError(AAuthError.INVALID_KEY, () -> only(header));
    }

    @Test
    @DisplayName(
            "hwk with an unknown kty or curve is unsupported_algorithm, naming the supported algorithms")
    void hwkUnknownKeyType() {
        AAuthException e =
                assertError(
                        AAuthError.UNSUPPORTED_ALGORITHM,
                        () ->
                                only(
                                        "sig=hwk;kty=\"OKP\";crv=\"Ed9999\";x=\""
                                                + DRAFT_ED25519_X
                                                + "\""));
        assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), e.supportedAlgorithms());
    }

    @Test
    @DisplayName("A Signature-Key over the size limit is invalid_key before parsing")
    void oversizedHeader() {
        String huge = "sig=jwt;jwt=\"" + "a".repeat(SignatureKeyHeader.MAX_LENGTH) + "\"";
        assertError(AAuthError.INVALID_KEY, () -> SignatureKeyHeader.parse(huge));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sig=jwt;jwt=\"unterminated",
                "sig=jwt,,",
                "Sig=jwt;jwt=\"x\"",
                "sig=jwt;jwt=\"x\" trailing",
                "sig=jwt;jwt=\"é\""
            })
    @DisplayName("A malformed Signature-Key dictionary is invalid_key")
    void malformedDictionary(String header) {
        assertError(AAuthError.INVALID_KEY, () -> SignatureKeyHeader.parse(header));
    }

    @Test
    @DisplayName("\"If any are missing, return invalid_request\": a missing Signature-Key header")
    void missingHeader() {
        assertError(AAuthError.SIGNATURE_INVALID_REQUEST, () -> SignatureKeyHeader.parse(null));
        assertError(AAuthError.SIGNATURE_INVALID_REQUEST, () -> SignatureKeyHeader.parse(""));
    }
}
