package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** Shared fixtures for the jose tests. */
final class TestKeys {

    private TestKeys() {}

    /** RFC 8037 appendix A.1: the Ed25519 private key (also RFC 8032 section 7.1 TEST 1). */
    static final String RFC8037_PRIVATE_JWK =
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                    + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
                    + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

    /** RFC 8037 appendix A.2: its public key. */
    static final String RFC8037_PUBLIC_JWK =
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                    + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

    /** The P-256 key of the Signature-Key draft's jkt-jwt example (also RFC 7517 appendix A.1). */
    static final Map<String, Object> DRAFT_P256 =
            Map.of(
                    "kty",
                    "EC",
                    "crv",
                    "P-256",
                    "x",
                    "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                    "y",
                    "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");

    static final SigningKey ED = SigningKey.generate(SignatureAlgorithm.ED25519, "ed-1");
    static final SigningKey EC = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, "ec-1");

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String b64(String s) {
        return Base64Url.encode(utf8(s));
    }

    static AAuthException assertAAuthError(AAuthError expected, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(expected, e.error(), () -> "detail: " + e.detail());
        return e;
    }
}
