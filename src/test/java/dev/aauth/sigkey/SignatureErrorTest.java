package dev.aauth.sigkey;

import static dev.aauth.sigkey.SignatureKeyHeaderTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.SignatureAlgorithm;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signature-Key draft, "Signature-Error HTTP Response Header" and "Error Codes". */
class SignatureErrorTest {

    @Test
    @DisplayName(
            "unsupported_algorithm: exactly the draft's example header, from the exception the core throws")
    void unsupportedAlgorithmHeader() {
        AAuthException e =
                AAuthException.unsupportedAlgorithm(
                        "rsa-v1_5-sha256", SignatureAlgorithm.SUPPORTED_HTTP_NAMES);
        assertEquals(
                "error=unsupported_algorithm, supported_algorithms=(\"ed25519\" \"ecdsa-p256-sha256\")",
                SignatureError.of(e).headerValue());
    }

    @Test
    @DisplayName("invalid_input: exactly the draft's example header with required_input")
    void invalidInputHeader() {
        AAuthException e =
                AAuthException.invalidInput(
                        "content-digest not covered",
                        List.of(
                                "@method",
                                "@authority",
                                "@path",
                                "signature-key",
                                "content-digest"));
        assertEquals(
                "error=invalid_input, required_input=(\"@method\" \"@authority\" \"@path\" \"signature-key\" \"content-digest\")",
                SignatureError.of(e).headerValue());
    }

    @ParameterizedTest
    @EnumSource(
            value = AAuthError.class,
            names = {
                "INVALID_SIGNATURE",
                "SIGNATURE_INVALID_REQUEST",
                "INVALID_KEY",
                "UNKNOWN_KEY",
                "INVALID_JWT",
                "EXPIRED_JWT"
            })
    @DisplayName("The codes without members serialize as the draft's examples: error=<code>")
    void plainCodes(AAuthError code) {
        assertEquals(
                "error=" + code.code(),
                SignatureError.of(new AAuthException(code, "x")).headerValue());
    }

    @Test
    @DisplayName("Token endpoint codes are not Signature-Error codes")
    void endpointCodesAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        SignatureError.of(
                                new AAuthException(AAuthError.INVALID_RESOURCE_TOKEN, "x")));
        assertThrows(
                IllegalArgumentException.class,
                () -> SignatureError.of(new AAuthException(AAuthError.INVALID_REQUEST, "x")));
    }

    @Test
    @DisplayName(
            "problem+json: \"The type member SHOULD be a URN of the form urn:ietf:params:sig-error:<error-code>\", with title, status, detail")
    void problemJson() throws Exception {
        SignatureError err =
                SignatureError.of(
                        AAuthException.unsupportedAlgorithm(
                                "x", SignatureAlgorithm.SUPPORTED_HTTP_NAMES));
        Map<String, Object> body =
                JsonUtil.parseJson(
                        err.problemJson(
                                401,
                                SignatureError.title(err.error()),
                                "The server does not support rsa-v1_5-sha256"));
        assertEquals("urn:ietf:params:sig-error:unsupported_algorithm", body.get("type"));
        assertEquals("Unsupported signature algorithm", body.get("title"));
        assertEquals(401L, body.get("status"));
        assertEquals("The server does not support rsa-v1_5-sha256", body.get("detail"));
        assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), body.get("supported_algorithms"));
        assertEquals("application/problem+json", SignatureError.PROBLEM_JSON);
    }

    @ParameterizedTest
    @EnumSource(
            value = AAuthError.class,
            names = {
                "UNSUPPORTED_ALGORITHM",
                "INVALID_SIGNATURE",
                "INVALID_INPUT",
                "SIGNATURE_INVALID_REQUEST",
                "INVALID_KEY",
                "UNKNOWN_KEY",
                "INVALID_JWT",
                "EXPIRED_JWT"
            })
    @DisplayName(
            "Every code's problem body has its URN type, a specific title and the status; detail is optional")
    void problemJsonForEveryCode(AAuthError code) throws Exception {
        SignatureError err = new SignatureError(code.code(), List.of(), List.of());
        Map<String, Object> body =
                JsonUtil.parseJson(
                        err.problemJson(code.status(), SignatureError.title(code.code()), null));
        assertEquals("urn:ietf:params:sig-error:" + code.code(), body.get("type"));
        assertEquals((long) code.status(), body.get("status"));
        assertFalse(body.get("title").equals("Signature error"), "a specific title for " + code);
        assertFalse(body.containsKey("detail"));
    }

    @Test
    @DisplayName("Parsing a received header; \"Recipients MUST ignore unknown members\"")
    void parse() {
        SignatureError e =
                SignatureError.parse(
                        "error=unsupported_algorithm, supported_algorithms=(\"ed25519\" \"ecdsa-p256-sha256\"), future=?1");
        assertEquals("unsupported_algorithm", e.error());
        assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), e.supportedAlgorithms());
        SignatureError in =
                SignatureError.parse(
                        "error=invalid_input,\n    required_input=(\"@method\" \"@authority\" \"@path\"\n    \"signature-key\" \"content-digest\")"
                                .replace("\n    ", " "));
        assertEquals(5, in.requiredInput().size());
        assertEquals(in, SignatureError.parse(in.headerValue()));
    }

    @Test
    @DisplayName(
            "\"error (REQUIRED): A Token\": a header without it, or with a String, is invalid_request")
    void errorMustBeAToken() {
        for (String bad :
                new String[] {
                    "supported_algorithms=(\"ed25519\")",
                    "error=\"invalid_key\"",
                    "error=(invalid_key)"
                }) {
            assertError(AAuthError.SIGNATURE_INVALID_REQUEST, () -> SignatureError.parse(bad));
        }
        assertError(AAuthError.SIGNATURE_INVALID_REQUEST, () -> SignatureError.parse(null));
        assertError(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> SignatureError.parse("error=\"unterminated"));
    }
}
