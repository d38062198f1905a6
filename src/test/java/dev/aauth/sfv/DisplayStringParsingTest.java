package dev.aauth.sfv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 9651 Section 4.2.10, "Parsing a Display String": "Let byte_array be an empty byte array",
 * percent-decoded bytes are appended until the closing DQUOTE, then "decoding byte_array as a UTF-8
 * string". Found by {@code StructuredFieldsFuzzTest}: the byte array was allocated as long as the
 * whole field for every Display String, so a field of many short ones cost time and memory
 * quadratic in its length (an Inner List of 8000 {@code %""} in 32 KiB allocated 256 MB: 31-94 ms
 * of CPU, up to 870 ms wall on a busy machine). Its corpus replays that input under the fuzz bound
 * on every build; these tests pin what the sized buffer must still do.
 */
class DisplayStringParsingTest {

    @Test
    @DisplayName(
            "Each Display String gets a byte array of its own length: 8000 of them in one Inner"
                    + " List all parse")
    void manyDisplayStringsInOneField() {
        List<Member> list = StructuredFields.parseList("(" + "%\"\" ".repeat(8000) + ")");
        InnerList inner = (InnerList) list.get(0);
        assertEquals(8000, inner.items().size());
        assertEquals(new DisplayString(""), inner.items().get(7999).value());
    }

    @Test
    @DisplayName(
            "Percent-encoded bytes, including an encoded DQUOTE, decode as UTF-8 up to the closing DQUOTE")
    void decodesUpToTheClosingQuote() {
        assertEquals(
                new DisplayString("f\u00fc\u00fc \"x\" %"),
                StructuredFields.parseItem("%\"f%c3%bc%c3%bc %22x%22 %25\"").value());
        assertEquals(
                new DisplayString("a"),
                StructuredFields.parseDictionary("k=%\"a\";p=%\"\"").get("k") instanceof Item i
                        ? i.value()
                        : null);
    }

    @Test
    @DisplayName("A Display String without its closing DQUOTE fails parsing (invalid_request)")
    void unterminated() {
        for (String value : List.of("%\"abc", "%\"", "%\"%2", "%\"%22")) {
            AAuthException e =
                    assertThrows(AAuthException.class, () -> StructuredFields.parseItem(value));
            assertEquals(AAuthError.SIGNATURE_INVALID_REQUEST, e.error());
        }
    }
}
