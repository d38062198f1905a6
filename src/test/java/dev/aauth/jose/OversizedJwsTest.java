package dev.aauth.jose;

import static dev.aauth.jose.TestKeys.assertAAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A compact JWS longer than {@link Jws#MAX_COMPACT_LENGTH} (16 KiB) is refused before any decoding.
 */
class OversizedJwsTest {

    private static String tokenWithPadding(int padding) {
        return Jws.sign(Map.of(), Map.of("sub", "x", "pad", "a".repeat(padding)), TestKeys.ED);
    }

    @Test
    @DisplayName("a correctly signed JWS over 16 KiB is invalid_jwt")
    void correctlySignedButOversizedIsRejected() {
        String big = tokenWithPadding(13_000);
        assertTrue(big.length() > Jws.MAX_COMPACT_LENGTH);
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(big));
    }

    @Test
    @DisplayName("the largest signed JWS within 16 KiB still verifies")
    void atTheLimitIsAccepted() {
        int pad = 12_000;
        while (tokenWithPadding(pad + 1).length() <= Jws.MAX_COMPACT_LENGTH) {
            pad++;
        }
        final int largest = pad;
        String token = tokenWithPadding(largest);
        assertTrue(
                token.length() <= Jws.MAX_COMPACT_LENGTH
                        && token.length() > Jws.MAX_COMPACT_LENGTH - 4);
        Jws.parse(token).verify(TestKeys.ED.publicJwk());
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(tokenWithPadding(largest + 1)));
    }

    @Test
    @DisplayName("megabytes of garbage are invalid_jwt")
    void garbageIsRejected() {
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse("A".repeat(1 << 20)));
        assertAAuthError(AAuthError.INVALID_JWT, () -> Jws.parse(".".repeat(1 << 20)));
        assertEquals(16384, Jws.MAX_COMPACT_LENGTH);
    }
}
