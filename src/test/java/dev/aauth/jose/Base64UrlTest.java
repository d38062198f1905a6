package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

    @Test
    void roundTripsAllLengthsAndMatchesTheJdkEncoder() {
        Random r = new Random(7);
        for (int len = 0; len < 70; len++) {
            byte[] b = new byte[len];
            r.nextBytes(b);
            String enc = Base64Url.encode(b);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(b), enc);
            assertArrayEquals(b, Base64Url.decode(enc, AAuthError.INVALID_KEY, "t"));
        }
    }

    @ParameterizedTest
    @DisplayName(
            "base64url \"with all trailing '=' characters omitted\" and no other characters (RFC 7515 section 2)")
    @ValueSource(
            strings = {
                "QQ==", "QUI=", "QUJD=", "QU JD", "QUJD\n", "QUJ+", "QUJ/", "Q", "QUJDR", "QR",
                "QUF", "é"
            })
    void rejectsPaddingWhitespaceWrongAlphabetBadLengthAndNonCanonicalBits(String s) {
        assertFalse(Base64Url.isValid(s));
        assertAAuthError(
                AAuthError.INVALID_JWT, () -> Base64Url.decode(s, AAuthError.INVALID_JWT, "x"));
    }

    @Test
    void acceptsCanonicalEncodings() {
        assertTrue(Base64Url.isValid(""));
        assertTrue(Base64Url.isValid("QQ"));
        assertTrue(Base64Url.isValid("QUI"));
        assertTrue(Base64Url.isValid("-_-_"));
    }
}
