package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InteractionCodeTest {

    @Test
    void aGeneratedCodeIsTwoGroupsOfFourFromTheAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String display = InteractionCode.generate(random).display();
            assertTrue(display.matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"), display);
            seen.add(display);
        }
        assertEquals(200, seen.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD-EFGH", "abcd-efgh", "ABCDEFGH", " abcd efgh ", "AbCd-eFgH"})
    void inputIsNormalisedBeforeHashing(String typed) {
        InteractionCode code = InteractionCode.parse(typed).orElseThrow();

        assertEquals("ABCD-EFGH", code.display());
        assertEquals(InteractionCode.parse("ABCD-EFGH").orElseThrow().hash(), code.hash());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ABCD-EFG",
                "ABCD-EFGHJ",
                "ABCD-EFG0",
                "ABCD-EFGI",
                "ABCD-EFG\u017f",
                "ABCD_EFGH"
            })
    void anythingElseIsNotACode(String typed) {
        assertEquals(Optional.empty(), InteractionCode.parse(typed));
    }

    @Test
    void theHashIsTheSha256OfTheNormalisedCodeInBase64url() throws Exception {
        InteractionCode code = InteractionCode.parse("wxyz-2345").orElseThrow();
        byte[] expected =
                MessageDigest.getInstance("SHA-256")
                        .digest("WXYZ2345".getBytes(StandardCharsets.US_ASCII));

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), code.hash());
        assertNotEquals(code.hash(), InteractionCode.parse("WXYZ-2346").orElseThrow().hash());
    }

    @Test
    void theCodeNeverAppearsInItsStringForm() {
        InteractionCode code = InteractionCode.parse("WXYZ-2345").orElseThrow();

        assertFalse(code.toString().contains("WXYZ"));
        assertFalse(code.toString().contains("2345"));
    }
}
