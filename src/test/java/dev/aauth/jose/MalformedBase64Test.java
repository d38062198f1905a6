package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.aauth.error.AAuthError;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JOSE uses "base64url encoding ... with all trailing '=' characters omitted ... and without the
 * inclusion of any line breaks, whitespace, or other additional characters" (RFC 7515 section 2).
 * Anything else, including a non-canonical final character, is refused: otherwise one token or key
 * would have many spellings (and, e.g., replay caches keyed on the string could be bypassed).
 */
class MalformedBase64Test {

    private static final String TOKEN = Jws.sign(Map.of(), Map.of("sub", "s"), TestKeys.ED);
    private static final String[] PARTS = TOKEN.split("\\.");

    private static String join(String h, String p, String s) {
        return h + "." + p + "." + s;
    }

    @Test
    void theUnmodifiedTokenVerifies() {
        Jws.parse(TOKEN).verify(TestKeys.ED.publicJwk());
    }

    @Test
    @DisplayName("padding in any part is invalid_jwt")
    void paddingIsRejected() {
        // 64-byte signature: 86 characters, so standard encoding adds "==".
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0], PARTS[1], PARTS[2] + "==")));
        String paddedHeader =
                Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(PARTS[0]));
        if (!paddedHeader.equals(PARTS[0])) {
            assertAAuthError(
                    AAuthError.INVALID_JWT,
                    () -> Jws.parse(join(paddedHeader, PARTS[1], PARTS[2])));
        }
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0] + "=", PARTS[1], PARTS[2])));
    }

    @Test
    @DisplayName("the standard alphabet (+ /), whitespace and line breaks are invalid_jwt")
    void wrongAlphabetAndWhitespaceAreRejected() {
        String std = PARTS[2].replace('-', '+').replace('_', '/');
        String sig = std.equals(PARTS[2]) ? "+" + PARTS[2].substring(1) : std;
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0], PARTS[1], sig)));
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0], PARTS[1] + " ", PARTS[2])));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () ->
                        Jws.parse(
                                join(
                                        PARTS[0],
                                        PARTS[1],
                                        PARTS[2].substring(0, 40)
                                                + "\n"
                                                + PARTS[2].substring(40))));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(" " + TOKEN));
    }

    @Test
    @DisplayName(
            "a non-canonical last signature character (same bytes to a lenient decoder) is invalid_jwt")
    void nonCanonicalSignatureEncodingIsRejected() {
        String s = PARTS[2];
        char last = s.charAt(s.length() - 1);
        // 86 characters encode 64 bytes: the last character carries 2 data bits and 4 unused zero
        // bits.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char tweaked = alphabet.charAt(alphabet.indexOf(last) | 1);
        String malleated = s.substring(0, s.length() - 1) + tweaked;
        assertNotEquals(s, malleated);
        // The JDK's decoder ignores the unused bits: the attack is real for lenient decoders.
        assertArrayEquals(
                Base64.getUrlDecoder().decode(s), Base64.getUrlDecoder().decode(malleated));
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0], PARTS[1], malleated)));
    }

    @Test
    @DisplayName("an impossible length (4n+1 characters) is invalid_jwt")
    void impossibleLengthIsRejected() {
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Jws.parse(join(PARTS[0], PARTS[1], PARTS[2] + "A")));
        assertAAuthError(
                AAuthError.INVALID_JWT,
                () -> Jws.parse(join(PARTS[0], PARTS[1], PARTS[2].substring(0, 85))));
    }

    @Test
    @DisplayName("JWK members that are not canonical unpadded base64url are invalid_key")
    void malformedJwkMembersAreRejected() {
        String x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
        for (String bad :
                new String[] {x + "=", x.replace('_', '/'), " " + x, x.substring(0, 42) + "p"}) {
            Map<String, Object> m = new HashMap<>(Map.of("kty", "OKP", "crv", "Ed25519", "x", bad));
            assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(m));
        }
        Map<String, Object> ec = new HashMap<>(TestKeys.DRAFT_P256);
        ec.put("y", ec.get("y") + "=");
        assertAAuthError(AAuthError.INVALID_KEY, () -> Jwk.parse(ec));
    }
}
