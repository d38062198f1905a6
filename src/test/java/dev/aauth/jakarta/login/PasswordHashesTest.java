package dev.aauth.jakarta.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    private final PasswordHashes hashes = new PasswordHashes();

    @Test
    @DisplayName(
            "salted Argon2id in PHC format with OWASP's minimum parameters: the same password hashes differently")
    void saltedArgon2id() {
        String a = hashes.hash("alice".toCharArray());
        String b = hashes.hash("alice".toCharArray());
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b);
        assertTrue(hashes.verify("alice".toCharArray(), a));
        assertTrue(hashes.verify("alice".toCharArray(), b));
        assertFalse(hashes.verify("alicE".toCharArray(), a));
        assertFalse(hashes.verify("".toCharArray(), a));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        String h = hashes.hash("pässwörd-\u263A".toCharArray());
        assertTrue(hashes.verify("pässwörd-\u263A".toCharArray(), h));
        assertFalse(hashes.verify("passwort-\u263A".toCharArray(), h));
    }

    @Test
    @DisplayName("malformed or abusive stored values never verify (and never run a huge Argon2)")
    void malformedStoredValuesNeverVerify() {
        String good = hashes.hash("x".toCharArray());
        String[] bad = {
            null,
            "",
            "x",
            "$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            good.replace("v=19", "v=16"),
            good.replace("m=19456", "m=99999999"),
            good.replace("t=2", "t=1000"),
            good.replace("p=1", "p=0"),
            good + "$",
            good.substring(0, good.lastIndexOf('$')) + "$!!!",
            "{noop}x",
            "PBKDF2WithHmacSHA256:1000:AAAA:AAAA"
        };
        for (String stored : bad) {
            assertFalse(hashes.verify("x".toCharArray(), stored), String.valueOf(stored));
        }
    }
}
