package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    @DisplayName("bidi overrides, isolates and marks are neutralised (Trojan-source names)")
    void bidiIsNeutralised() {
        assertEquals(
                "Safe \uFFFDtxt.exe\uFFFD \uFFFDx\uFFFD \uFFFD\uFFFD",
                UntrustedText.clean("Safe \u202Etxt.exe\u202C \u2066x\u2069 \u200E\u200F", 100));
    }

    @Test
    void controlAndInvisibleCharactersAreNeutralisedButLineBreaksKept() {
        assertEquals(
                "a\uFFFDb\uFFFDc\nd\te\uFFFD",
                UntrustedText.clean("a\u0000b\u001bc\nd\te\u200B", 100));
        assertEquals("a b c", UntrustedText.line("a\nb\tc", 100));
    }

    @Test
    void cutAtTheMaximumCountingCodePoints() {
        assertEquals(
                "\uD83D\uDE00\uD83D\uDE00\u2026",
                UntrustedText.clean("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2));
        assertEquals("abc", UntrustedText.clean("abc", 3));
        assertNull(UntrustedText.clean(null, 3));
    }
}
