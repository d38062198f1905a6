package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 9421 Appendix B, read in place from the vector file: every signature base byte for byte, the
 * deterministic signatures (Ed25519, HMAC) reproduced exactly, the others verified with the example
 * public keys. Messages, Signature-Input values, expected bases and keys all come from the file.
 */
class Rfc9421AppendixBTest {

    private static final String KEYS_RSA_PSS = "Example RSA PSS Key";
    private static final String KEYS_ECC_P256 = "Example ECC P-256 Test Key";
    private static final String KEYS_ED25519 = "Example Ed25519 Test Key";
    private static final String KEYS_SHARED_SECRET = "Example Shared Secret";
    private static final String B_2 = "Test Cases";
    private static final String B_2_1 = "Minimal Signature Using rsa-pss-sha512";
    private static final String B_2_2 = "Selective Covered Components using rsa-pss-sha512";
    private static final String B_2_3 = "Full Coverage using rsa-pss-sha512";
    private static final String B_2_4 = "Signing a Response using ecdsa-p256-sha256";
    private static final String B_2_5 = "Signing a Request using hmac-sha256";
    private static final String B_2_6 = "Signing a Request using ed25519";
    private static final String B_3 = "TLS-Terminating Proxies";
    private static final String B_4 = "HTTP Message Transformations";

    private static Rfc9421Examples ex;
    private static HttpRequestMessage testRequest;
    private static Rfc9421Examples.Message testResponse;

    @BeforeAll
    static void load() {
        ex = Rfc9421Examples.load();
        // B.2: "For requests, this test-request message is used" / "For responses, this
        // test-response message is used"
        testRequest = ex.message(B_2, 0).request("https");
        testResponse = ex.message(B_2, 1);
    }

    /**
     * The signature (label) whose Signature-Input and Signature lines are the second block of a
     * section.
     */
    private static ReceivedSignature received(String heading, String label) {
        return SignatureSet.from(ex.message(heading, 1).fields()).get(label);
    }

    private static HttpRequestMessage signedTestRequest(String heading) {
        return testRequest.withFields(
                Rfc9421Examples.plus(
                        (HttpFields) testRequest.fields(), ex.message(heading, 1).fields()));
    }

    private static String expectedBase(String heading) {
        return ex.text(heading, 0);
    }

    private static String fieldValue(String heading, String field) {
        return ex.message(heading, 1).fields().lines(field).get(0).strip();
    }

    @Test
    @DisplayName("B.2: the test-request's Content-Digest is the sha-512 of its content")
    void b_2_testRequestContentDigestMatchesItsContent() {
        Rfc9421Examples.Message request = ex.message(B_2, 0);
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        ContentDigest.verify(body, request.fields().lines("content-digest"));
        assertEquals(
                request.fields().lines("content-digest").get(0).strip(),
                ContentDigest.create(body, ContentDigest.Algorithm.SHA_512));
    }

    // ------------------------------------------------------------------ B.2.1

    @Test
    void b_2_1_minimalSignatureUsingRsaPss_base() {
        ReceivedSignature sig = received(B_2_1, "sig-b21");
        assertEquals(expectedBase(B_2_1), SignatureBase.createString(testRequest, sig.input()));
        assertTrue(sig.input().coveredComponents().isEmpty());
        assertEquals("b3k2pp5k7z-50gnwp.yemd", sig.input().nonce().orElseThrow());
    }

    @Test
    void b_2_1_minimalSignatureUsingRsaPss_signature() {
        HttpMessageVerifier.verify(
                signedTestRequest(B_2_1),
                "sig-b21",
                TestCrypto.rsaPssSha512Verifier(ex.jwk(KEYS_RSA_PSS)));
    }

    // ------------------------------------------------------------------ B.2.2

    @Test
    void b_2_2_selectiveCoveredComponentsUsingRsaPss_base() {
        ReceivedSignature sig = received(B_2_2, "sig-b22");
        assertEquals(expectedBase(B_2_2), SignatureBase.createString(testRequest, sig.input()));
        assertEquals("header-example", sig.input().tag().orElseThrow());
        assertTrue(sig.input().covers(ComponentIdentifier.queryParam("Pet")));
    }

    @Test
    void b_2_2_selectiveCoveredComponentsUsingRsaPss_signature() {
        HttpMessageVerifier.verify(
                signedTestRequest(B_2_2),
                "sig-b22",
                TestCrypto.rsaPssSha512Verifier(ex.jwk(KEYS_RSA_PSS)));
    }

    // ------------------------------------------------------------------ B.2.3

    @Test
    void b_2_3_fullCoverageUsingRsaPss_base() {
        ReceivedSignature sig = received(B_2_3, "sig-b23");
        assertEquals(expectedBase(B_2_3), SignatureBase.createString(testRequest, sig.input()));
    }

    @Test
    void b_2_3_fullCoverageUsingRsaPss_signature() {
        HttpMessageVerifier.verify(
                signedTestRequest(B_2_3),
                "sig-b23",
                TestCrypto.rsaPssSha512Verifier(ex.jwk(KEYS_RSA_PSS)));
    }

    // ------------------------------------------------------------------ B.2.4

    /**
     * The test-response of B.2 shows {@code Content-Digest: sha-512=:JlEy2b...:}, which is not the
     * SHA-512 of its own content {@code {"message": "good dog"}}; the B.2.4 signature base (and the
     * signature over it) use the correct digest. So the response is rebuilt with the digest
     * computed from its content, and the inconsistency of the file is asserted rather than hidden.
     */
    private static HttpResponseMessage correctedTestResponse() {
        byte[] body = testResponse.body().getBytes(StandardCharsets.UTF_8);
        List<String> printed = testResponse.fields().lines("content-digest");
        AAuthException e =
                assertThrows(AAuthException.class, () -> ContentDigest.verify(body, printed));
        assertEquals(AAuthError.INVALID_SIGNATURE, e.error());
        HttpFields fields =
                testResponse.fields().toBuilder()
                        .set(
                                "Content-Digest",
                                ContentDigest.create(body, ContentDigest.Algorithm.SHA_512))
                        .build();
        return HttpResponseMessage.of(200, fields, testRequest);
    }

    @Test
    void b_2_4_signingResponseUsingEcdsaP256_base() {
        ReceivedSignature sig = received(B_2_4, "sig-b24");
        assertEquals(
                expectedBase(B_2_4),
                SignatureBase.createString(correctedTestResponse(), sig.input()));
    }

    @Test
    void b_2_4_signingResponseUsingEcdsaP256_signatureVerifiesWithPublicKey() {
        HttpResponseMessage response = correctedTestResponse();
        HttpResponseMessage signed =
                response.withFields(
                        Rfc9421Examples.plus(
                                (HttpFields) response.fields(), ex.message(B_2_4, 1).fields()));
        ReceivedSignature sig =
                HttpMessageVerifier.verify(
                        signed, "sig-b24", TestCrypto.ecdsaP256Verifier(ex.jwk(KEYS_ECC_P256)));
        assertEquals("test-key-ecc-p256", sig.input().keyid().orElseThrow());
        assertEquals(1618884473L, sig.input().created().orElseThrow());
    }

    @Test
    void b_2_4_signingResponseUsingEcdsaP256_roundTripWithDeterministicEcdsa() {
        ReceivedSignature example = received(B_2_4, "sig-b24");
        HttpResponseMessage response = correctedTestResponse();
        SignatureHeaders headers =
                HttpMessageSigner.sign(
                        response,
                        "sig-b24",
                        example.input(),
                        TestCrypto.ecdsaP256Signer(ex.jwk(KEYS_ECC_P256)));
        assertEquals(fieldValue(B_2_4, "signature-input"), headers.signatureInput());
        HttpResponseMessage signed =
                response.withFields(
                        ((HttpFields) response.fields())
                                .toBuilder()
                                        .add("Signature-Input", headers.signatureInput())
                                        .add("Signature", headers.signature())
                                        .build());
        HttpMessageVerifier.verify(
                signed, "sig-b24", TestCrypto.ecdsaP256Verifier(ex.jwk(KEYS_ECC_P256)));
    }

    // ------------------------------------------------------------------ B.2.5

    @Test
    void b_2_5_signingRequestUsingHmacSha256_base() {
        ReceivedSignature sig = received(B_2_5, "sig-b25");
        assertEquals(expectedBase(B_2_5), SignatureBase.createString(testRequest, sig.input()));
    }

    @Test
    void b_2_5_signingRequestUsingHmacSha256_signature() {
        byte[] secret = Base64.getDecoder().decode(ex.text(KEYS_SHARED_SECRET, 0).strip());
        ReceivedSignature example = received(B_2_5, "sig-b25");
        SignatureHeaders headers =
                HttpMessageSigner.sign(
                        testRequest,
                        "sig-b25",
                        example.input(),
                        TestCrypto.hmacSha256Signer(secret));
        assertEquals(fieldValue(B_2_5, "signature-input"), headers.signatureInput());
        assertEquals(fieldValue(B_2_5, "signature"), headers.signature());
        HttpMessageVerifier.verify(
                signedTestRequest(B_2_5), "sig-b25", TestCrypto.hmacSha256Verifier(secret));
    }

    // ------------------------------------------------------------------ B.2.6

    @Test
    void b_2_6_signingRequestUsingEd25519_base() {
        ReceivedSignature sig = received(B_2_6, "sig-b26");
        assertEquals(expectedBase(B_2_6), SignatureBase.createString(testRequest, sig.input()));
    }

    @Test
    @DisplayName(
            "B.2.6: the ed25519 signature is reproduced exactly from the covered components and parameters")
    void b_2_6_signingRequestUsingEd25519_signature() {
        Map<String, Object> key = ex.jwk(KEYS_ED25519);
        SignatureHeaders headers =
                HttpMessageSigner.sign(
                        testRequest,
                        "sig-b26",
                        List.of(
                                ComponentIdentifier.of("date"),
                                ComponentIdentifier.METHOD,
                                ComponentIdentifier.PATH,
                                ComponentIdentifier.AUTHORITY,
                                ComponentIdentifier.of("content-type"),
                                ComponentIdentifier.of("content-length")),
                        SignatureParameters.builder()
                                .created(1618884473L)
                                .keyid("test-key-ed25519")
                                .build(),
                        TestCrypto.ed25519Signer(key));
        assertEquals(fieldValue(B_2_6, "signature-input"), headers.signatureInput());
        assertEquals(fieldValue(B_2_6, "signature"), headers.signature());
    }

    @Test
    void b_2_6_signingRequestUsingEd25519_verifies() {
        ReceivedSignature sig =
                HttpMessageVerifier.verify(
                        signedTestRequest(B_2_6),
                        "sig-b26",
                        TestCrypto.ed25519Verifier(ex.jwk(KEYS_ED25519)));
        assertEquals(6, sig.input().coveredComponents().size());
    }

    // ------------------------------------------------------------------ B.3

    @Test
    void b_3_tlsTerminatingProxy_base() {
        // the third block is the proxy's signature base; the fifth the signed request it sends
        HttpRequestMessage signed = ex.message(B_3, 4).request("https");
        ReceivedSignature sig = SignatureSet.from(signed.fields()).get("ttrp");
        assertEquals(ex.text(B_3, 2), SignatureBase.createString(signed, sig.input()));
    }

    @Test
    void b_3_tlsTerminatingProxy_signatureVerifiesWithPublicKey() {
        HttpRequestMessage signed = ex.message(B_3, 4).request("https");
        HttpMessageVerifier.verify(
                signed, "ttrp", TestCrypto.ecdsaP256Verifier(ex.jwk(KEYS_ECC_P256)));
        // the fourth block is the bare signature value
        assertEquals(
                ex.text(B_3, 3).strip(),
                Base64.getEncoder()
                        .encodeToString(
                                SignatureSet.from(signed.fields()).get("ttrp").signature()));
    }

    @Test
    void b_3_tlsTerminatingProxy_unsignedRequestHasTheSameBase() {
        // B.3: the signature is computed over the unsigned internal request (second block)
        HttpRequestMessage unsigned = ex.message(B_3, 1).request("https");
        ReceivedSignature sig = SignatureSet.from(ex.message(B_3, 4).fields()).get("ttrp");
        assertEquals(ex.text(B_3, 2), SignatureBase.createString(unsigned, sig.input()));
    }

    // ------------------------------------------------------------------ B.4

    @Test
    void b_4_transformations_base() {
        HttpRequestMessage original = ex.message(B_4, 0).request("https");
        ReceivedSignature sig = SignatureSet.from(original.fields()).get("transform");
        // the vector file wraps this block's last line RFC 8792 style but omits the NOTE line
        String expected = Rfc9421Examples.joinWrappedLines(ex.text(B_4, 1));
        assertEquals(expected, SignatureBase.createString(original, sig.input()));
    }

    @Test
    void b_4_transformations_ed25519SignatureReproducedExactly() {
        HttpRequestMessage original = ex.message(B_4, 0).request("https");
        ReceivedSignature sig = SignatureSet.from(original.fields()).get("transform");
        SignatureHeaders headers =
                HttpMessageSigner.sign(
                        original,
                        "transform",
                        sig.input(),
                        TestCrypto.ed25519Signer(ex.jwk(KEYS_ED25519)));
        assertEquals(original.fields().lines("signature").get(0).strip(), headers.signature());
    }

    @Test
    @DisplayName(
            "B.4: the signature stays valid after adding fields and a query, dropping Date, collapsing and reordering fields")
    void b_4_transformations_allowedTransformationsStillVerify() {
        MessageVerifier verifier = TestCrypto.ed25519Verifier(ex.jwk(KEYS_ED25519));
        for (int block : new int[] {0, 2, 3, 4}) {
            HttpRequestMessage message = ex.message(B_4, block).request("https");
            HttpMessageVerifier.verify(message, "transform", verifier);
        }
    }

    @Test
    @DisplayName(
            "B.4: changing method and authority, or the order of Accept field lines, breaks the signature")
    void b_4_transformations_changedMethodAuthorityOrFieldOrderFailWithInvalidSignature() {
        MessageVerifier verifier = TestCrypto.ed25519Verifier(ex.jwk(KEYS_ED25519));
        for (int block : new int[] {5, 6}) {
            HttpRequestMessage message = ex.message(B_4, block).request("https");
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> HttpMessageVerifier.verify(message, "transform", verifier));
            assertEquals(AAuthError.INVALID_SIGNATURE, e.error());
        }
    }
}
