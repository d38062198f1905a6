package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link VerificationKey#verificationCount()}: issue 12 scenario 6 counts the signatures a server
 * verifies, to show junk is refused before any. Every verification that reaches the curve
 * arithmetic counts, good or bad; a signature refused on its length does not. (Tests run one at a
 * time in this JVM, so the differences are exact.)
 */
class VerificationCountTest {

    static final byte[] DATA = "signature base".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("a good and a bad signature each count one verification")
    void goodAndBadSignaturesCount() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        VerificationKey vk = key.publicJwk().verificationKey();
        byte[] sig = key.sign(DATA);
        long before = VerificationKey.verificationCount();
        assertTrue(vk.verify(DATA, sig));
        sig[3] ^= 1;
        assertFalse(vk.verify(DATA, sig));
        assertEquals(2, VerificationKey.verificationCount() - before);
    }

    @Test
    @DisplayName("a signature of the wrong length is refused without a verification")
    void wrongLengthIsNotAVerification() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        VerificationKey vk = key.publicJwk().verificationKey();
        long before = VerificationKey.verificationCount();
        assertFalse(vk.verify(DATA, new byte[3]));
        assertEquals(0, VerificationKey.verificationCount() - before);
    }
}
