package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonReader} against RFC 8259, rule by rule, and what it refuses. */
class JsonReaderTest {

    private static Object read(String json) {
        return JsonReader.read(json.getBytes(StandardCharsets.UTF_8), AAuthError.INVALID_JWT, "t");
    }

    private static Object read(byte[] json) {
        return JsonReader.read(json, AAuthError.INVALID_JWT, "t");
    }

    private static AAuthException refused(String json) {
        return assertThrows(AAuthException.class, () -> read(json));
    }

    private static AAuthException refused(byte[] json) {
        return assertThrows(AAuthException.class, () -> read(json));
    }

    @Test
    void section2_aJsonTextIsASerializedValueOfAnyType() {
        assertEquals(Map.of("a", 1L), read("{\"a\":1}"));
        assertEquals(List.of(1L, "x"), read("[1,\"x\"]"));
        assertEquals("s", read("\"s\""));
        assertEquals(3L, read("3"));
        assertEquals(Boolean.TRUE, read("true"));
        assertEquals(Boolean.FALSE, read("false"));
        assertNull(read("null"));
    }

    @Test
    void section2_insignificantWhitespaceIsSpaceTabLineFeedCarriageReturnOnly() {
        assertEquals(Map.of("a", List.of()), read(" \t\r\n{ \"a\" \n:\r[ ]\t} \n"));
        refused("{\"a\":1}\u000b");
        refused("\u00a0{}");
        refused("{\"a\":\f1}");
    }

    @Test
    void section2_nothingButWhitespaceAfterTheValue() {
        refused("{} {}");
        refused("{}x");
        refused("1 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "tru", "nul", "True", "NULL", "undefined", "'a'", "{'a':1}"})
    void section3_onlyTheThreeLiteralNamesInLowercase(String json) {
        refused(json);
    }

    @Test
    void section4_objectMembersKeepDocumentOrder() {
        Object v = read("{\"z\":1,\"a\":2,\"m\":3}");
        assertTrue(v instanceof LinkedHashMap);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) v).keySet()));
    }

    @Test
    void section4_namesShouldBeUnique_aDuplicateNameIsRefused() {
        AAuthException e = refused("{\"alg\":\"EdDSA\",\"alg\":\"none\"}");
        assertEquals(AAuthError.INVALID_JWT, e.error());
        assertTrue(e.detail().contains("duplicate"), e.detail());
        refused("{\"a\":null,\"a\":null}");
        refused("{\"a\":{\"b\":1,\"b\":2}}");
    }

    @Test
    void section4_namesAreComparedAfterUnescaping() {
        refused("{\"alg\":\"EdDSA\",\"\\u0061lg\":\"none\"}");
        refused("{\"a/b\":1,\"a\\/b\":2}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{,}",
                "{a:1}",
                "{\"a\" 1}",
                "{1:1}"
            })
    void section4_malformedObjectsAreRefused(String json) {
        refused(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[1,]", "[,1]", "[1 2]", "[1,,2]", "]"})
    void section5_malformedArraysAreRefused(String json) {
        refused(json);
    }

    @Test
    void section6_integersAreLongsAndOtherNumbersFiniteDoubles() {
        assertEquals(0L, read("0"));
        assertEquals(0L, read("-0"));
        assertEquals(1_800_000_000L, read("1800000000"));
        assertEquals(Long.MAX_VALUE, read("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, read("-9223372036854775808"));
        assertEquals(1.5, read("1.5"));
        assertEquals(-0.0015, read("-1.5e-3"));
        assertEquals(2e10, read("2E+10"));
        assertEquals(100.0, read("1e2"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "01",
                "-01",
                "+1",
                ".5",
                "1.",
                "1.e3",
                "1e",
                "1e+",
                "-",
                "--1",
                "0x10",
                "NaN",
                "Infinity",
                "-Infinity",
                "1_000"
            })
    void section6_theNumberGrammarIsExact(String json) {
        refused(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1e999", "-1e400"})
    void section6_numbersOutsideTheImplementationsRangeAreRefused(String json) {
        assertTrue(refused(json).detail().contains("out of range"));
    }

    @Test
    void section7_theNineEscapesAreDecoded() {
        assertEquals(
                "\" \\ / \b \f \n \r \t \u00e9",
                read("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00E9\""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\\a\"",
                "\"\\x41\"",
                "\"\\'\"",
                "\"\\u12\"",
                "\"\\u12g4\"",
                "\"\\",
                "\"abc"
            })
    void section7_anyOtherEscapeOrAnUnterminatedStringIsRefused(String json) {
        refused(json);
    }

    @Test
    void section7_controlCharactersMustBeEscaped() {
        for (char c = 0; c < 0x20; c++) {
            refused("\"a" + c + "b\"");
        }
        assertEquals("a\u001fb", read("\"a\\u001fb\""));
        assertEquals("a\u007fb", read("\"a\u007fb\""));
    }

    @Test
    void section7_aCharacterOutsideTheBmpIsAnEscapedSurrogatePair() {
        assertEquals("\uD834\uDD1E", read("\"\\uD834\\uDD1E\""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\\uD834\"",
                "\"\\uDD1E\"",
                "\"\\uD834\\u0041\"",
                "\"\\uDD1E\\uD834\"",
                "\"\\uD834x\""
            })
    void section8_2_unpairedSurrogateEscapesAreRefused(String json) {
        assertTrue(refused(json).detail().contains("surrogate"));
    }

    @Test
    void section8_1_textIsUtf8_multiByteCharactersAreDecoded() {
        assertEquals("caf\u00e9 \u20ac \uD83D\uDE00", read("\"caf\u00e9 \u20ac \uD83D\uDE00\""));
    }

    @Test
    void section8_1_malformedUtf8IsRefused() {
        byte q = '"';
        byte[][] bad = {
            {q, (byte) 0xC0, (byte) 0xAF, q}, // overlong '/'
            {q, (byte) 0xE0, (byte) 0x80, (byte) 0xAF, q}, // overlong
            {q, (byte) 0xED, (byte) 0xA0, (byte) 0x80, q}, // encoded surrogate U+D800
            {q, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, q}, // above U+10FFFF
            {q, (byte) 0x80, q}, // continuation byte alone
            {q, (byte) 0xC3, q}, // truncated
            {q, (byte) 0xFF, q},
        };
        for (byte[] b : bad) {
            assertTrue(refused(b).detail().contains("UTF-8"), Arrays.toString(b));
        }
    }

    @Test
    void section8_1_aByteOrderMarkIsRefused() {
        refused(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
    }

    @Test
    void section8_1_aJavaStringWithAnUnpairedSurrogateIsRefused() {
        assertThrows(
                AAuthException.class,
                () -> JsonReader.readObject("{\"a\":\"\uD800\"}", AAuthError.INVALID_KEY, "JWK"));
        assertEquals(
                Map.of("a", "\uD83D\uDE00"),
                JsonReader.readObject("{\"a\":\"\uD83D\uDE00\"}", AAuthError.INVALID_KEY, "JWK"));
    }

    @Test
    void section9_nestingDeeperThanTheLimitIsRefused() {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        read(ok);
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertTrue(refused(deep).detail().contains("deeper"));
        refused("{\"a\":".repeat(100_000));
    }

    @Test
    void section9_textsLongerThanTheLimitAreRefusedBeforeReading() {
        byte[] big = new byte[JsonReader.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertTrue(refused(big).detail().contains("longer"));
    }

    @Test
    void readObject_anythingButAnObjectIsRefusedWithTheCallersError() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                JsonReader.readObject(
                                        "[1]".getBytes(StandardCharsets.UTF_8),
                                        AAuthError.INVALID_KEY,
                                        "JWKS"));
        assertEquals(AAuthError.INVALID_KEY, e.error());
        assertTrue(e.detail().startsWith("JWKS is not a valid JSON object"), e.detail());
        assertThrows(
                AAuthException.class,
                () -> JsonReader.readObject((byte[]) null, AAuthError.INVALID_KEY, "JWKS"));
    }

    @Test
    void valuesHaveTheTypesCallersExpect() {
        Map<String, Object> m =
                JsonReader.readObject(
                        "{\"exp\":1,\"d\":1.0,\"l\":[],\"o\":{},\"b\":true,\"n\":null}"
                                .getBytes(StandardCharsets.UTF_8),
                        AAuthError.INVALID_JWT,
                        "claims");
        assertTrue(m.get("exp") instanceof Long);
        assertTrue(m.get("d") instanceof Double);
        assertTrue(m.get("l") instanceof List);
        assertTrue(m.get("o") instanceof Map);
        assertTrue(m.get("b") instanceof Boolean);
        assertTrue(m.containsKey("n"));
        assertFalse(m.containsKey("missing"));
    }

    @Test
    void knownNamesAndValuesReadLikeAnyOtherString() {
        assertEquals(
                Map.of("al", 1L, "algx", 2L, "alg", "EdDSA", "typ", "EdDSAx", "kid", "aa-auth+jw"),
                read(
                        "{\"al\":1,\"algx\":2,\"alg\":\"EdDSA\",\"typ\":\"EdDSAx\","
                                + "\"kid\":\"aa-auth+jw\"}"));
        assertEquals(Map.of("alg", "Ed\u00e9"), read("{\"alg\":\"Ed\\u00e9\"}"));
        assertEquals(List.of("OKP", "OKP\n"), read("[\"OKP\",\"OKP\\n\"]"));
    }
}
