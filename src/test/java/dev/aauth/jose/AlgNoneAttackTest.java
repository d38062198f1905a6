package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static dev.aauth.jose.TestKeys.b64;

import dev.aauth.error.AAuthError;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "alg: none" (RFC 7519 unsecured JWT): "Implementations MUST NOT accept {@code none}" (AAuth
 * draft, agent token, resource token and auth token headers).
 */
class AlgNoneAttackTest {

    private static final String CLAIMS =
            b64("{\"iss\":\"https://agent.example\",\"sub\":\"aauth:admin@agent.example\"}");

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    @DisplayName(
            "Implementations MUST NOT accept none: an unsecured JWT with an empty signature is invalid_jwt")
    void unsecuredJwtIsRejected(String none) {
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(b64("{\"alg\":\"" + none + "\"}") + "." + CLAIMS + "."));
    }

    @Test
    @DisplayName("alg none with a real signature copied from a valid token is still invalid_jwt")
    void noneWithACopiedSignatureIsRejected() {
        String valid = Jws.sign(Map.of(), Map.of("sub", "x"), TestKeys.ED);
        String sig = valid.substring(valid.lastIndexOf('.') + 1);
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () ->
                        Jws.parse(
                                b64("{\"alg\":\"none\",\"kid\":\"ed-1\"}")
                                        + "."
                                        + CLAIMS
                                        + "."
                                        + sig));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"alg\":null}",
                "{\"alg\":\"\"}",
                "{\"alg\":0}",
                "{\"alg\":[\"EdDSA\"]}",
                "{\"alg\":{\"name\":\"EdDSA\"}}",
                "{\"ALG\":\"EdDSA\"}",
                "{\"alg\":\"EdDSA \"}"
            })
    @DisplayName("a missing or non-string alg is invalid_jwt")
    void missingOrMalformedAlgIsRejected(String header) {
        String sig = Base64Url.encode(new byte[64]);
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(b64(header) + "." + CLAIMS + "." + sig));
    }

    @Test
    @DisplayName("a JWK announcing alg none is invalid_key")
    void jwkWithAlgNoneIsRejected() {
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
                                        "alg",
                                        "none")));
    }
}
