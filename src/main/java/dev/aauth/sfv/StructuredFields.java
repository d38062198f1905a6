package dev.aauth.sfv;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Entry point: parse (RFC 9651 Section 4.2) and serialize (Section 4.1) structured fields.
 *
 * <p>Parse failures throw {@link AAuthException} with {@link AAuthError#SIGNATURE_INVALID_REQUEST};
 * callers that know the header's role re-map the code with {@link AAuthException#as}. Serialization
 * of a value the format cannot carry (an out-of-range Integer, a String with non-ASCII characters,
 * an invalid key or Token) is a programming error and throws {@link IllegalArgumentException}.
 */
public final class StructuredFields {

    private static final long MAX_INTEGER = 999_999_999_999_999L;
    private static final BigDecimal MAX_DECIMAL_INTEGER_PART = new BigDecimal("1000000000000");

    private StructuredFields() {}

    // ---------------------------------------------------------------- parsing

    public static Item parseItem(String fieldValue) {
        return new StructuredFieldParser(fieldValue).parseItemField();
    }

    public static List<Member> parseList(String fieldValue) {
        return new StructuredFieldParser(fieldValue).parseListField();
    }

    public static Dictionary parseDictionary(String fieldValue) {
        return new StructuredFieldParser(fieldValue).parseDictionaryField();
    }

    /**
     * Parses several field lines of one field, combined as RFC 9110 Section 5.3 says (joined by ",
     * ").
     */
    public static Dictionary parseDictionary(List<String> fieldLines) {
        return parseDictionary(String.join(", ", fieldLines));
    }

    public static List<Member> parseList(List<String> fieldLines) {
        return parseList(String.join(", ", fieldLines));
    }

    // ---------------------------------------------------------------- serializing

    public static String serializeItem(Item item) {
        StringBuilder sb = new StringBuilder();
        appendItem(sb, item);
        return sb.toString();
    }

    public static String serializeList(List<? extends Member> members) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendMember(sb, members.get(i));
        }
        return sb.toString();
    }

    public static String serializeDictionary(Dictionary dictionary) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, Member> e : dictionary.asMap().entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            appendKey(sb, e.getKey());
            Member m = e.getValue();
            if (m instanceof Item item && Boolean.TRUE.equals(item.value())) {
                appendParameters(sb, item.parameters());
            } else {
                sb.append('=');
                appendMember(sb, m);
            }
        }
        return sb.toString();
    }

    public static String serializeInnerList(InnerList list) {
        StringBuilder sb = new StringBuilder();
        appendInnerList(sb, list);
        return sb.toString();
    }

    public static String serializeParameters(Parameters params) {
        StringBuilder sb = new StringBuilder();
        appendParameters(sb, params);
        return sb.toString();
    }

    public static String serializeBareItem(Object value) {
        StringBuilder sb = new StringBuilder();
        appendBareItem(sb, value);
        return sb.toString();
    }

    static void appendMember(StringBuilder sb, Member m) {
        if (m instanceof InnerList il) {
            appendInnerList(sb, il);
        } else {
            appendItem(sb, (Item) m);
        }
    }

    static void appendInnerList(StringBuilder sb, InnerList list) {
        sb.append('(');
        List<Item> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendItem(sb, items.get(i));
        }
        sb.append(')');
        appendParameters(sb, list.parameters());
    }

    static void appendItem(StringBuilder sb, Item item) {
        appendBareItem(sb, item.value());
        appendParameters(sb, item.parameters());
    }

    static void appendParameters(StringBuilder sb, Parameters params) {
        for (Map.Entry<String, Object> e : params.asMap().entrySet()) {
            sb.append(';');
            appendKey(sb, e.getKey());
            if (!Boolean.TRUE.equals(e.getValue())) {
                sb.append('=');
                appendBareItem(sb, e.getValue());
            }
        }
    }

    static void appendKey(StringBuilder sb, String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        char first = key.charAt(0);
        if (!StructuredFieldParser.isLcAlpha(first) && first != '*') {
            throw new IllegalArgumentException("invalid key: " + key);
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(StructuredFieldParser.isLcAlpha(c)
                    || StructuredFieldParser.isDigit(c)
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == '*')) {
                throw new IllegalArgumentException("invalid key: " + key);
            }
        }
        sb.append(key);
    }

    static void appendBareItem(StringBuilder sb, Object value) {
        if (value instanceof Long l) {
            appendInteger(sb, l);
        } else if (value instanceof BigDecimal d) {
            appendDecimal(sb, d);
        } else if (value instanceof String s) {
            appendString(sb, s);
        } else if (value instanceof Token t) {
            appendToken(sb, t.value());
        } else if (value instanceof ByteSequence b) {
            sb.append(':').append(Base64.getEncoder().encodeToString(b.unsafeBytes())).append(':');
        } else if (value instanceof Boolean b) {
            sb.append(b ? "?1" : "?0");
        } else if (value instanceof SfDate d) {
            sb.append('@');
            appendInteger(sb, d.epochSeconds());
        } else if (value instanceof DisplayString ds) {
            appendDisplayString(sb, ds.value());
        } else if (value instanceof Integer i) {
            appendInteger(sb, i.longValue());
        } else {
            throw new IllegalArgumentException("not a bare item: " + value);
        }
    }

    private static void appendInteger(StringBuilder sb, long l) {
        if (l > MAX_INTEGER || l < -MAX_INTEGER) {
            throw new IllegalArgumentException("integer out of range: " + l);
        }
        sb.append(l);
    }

    // 4.1.5: round to three fractional digits (round half to even), fail above 12 integer digits
    private static void appendDecimal(StringBuilder sb, BigDecimal d) {
        BigDecimal rounded = d.setScale(3, RoundingMode.HALF_EVEN);
        if (rounded.abs().compareTo(MAX_DECIMAL_INTEGER_PART) >= 0) {
            throw new IllegalArgumentException("decimal out of range: " + d);
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            sb.append(stripped.setScale(1, RoundingMode.UNNECESSARY).toPlainString());
        } else {
            sb.append(stripped.toPlainString());
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("string contains a character outside %x20-7E");
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void appendToken(StringBuilder sb, String t) {
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        char first = t.charAt(0);
        if (!StructuredFieldParser.isAlpha(first) && first != '*') {
            throw new IllegalArgumentException("invalid token: " + t);
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(StructuredFieldParser.isTchar(c) || c == ':' || c == '/')) {
                throw new IllegalArgumentException("invalid token: " + t);
            }
        }
        sb.append(t);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void appendDisplayString(StringBuilder sb, String s) {
        sb.append("%\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '%' || c == '"' || c < 0x20 || c > 0x7E) {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                sb.append((char) c);
            }
        }
        sb.append('"');
    }

    /**
     * Thrown-code helper for callers: parse a Dictionary, failing with {@code code} instead of the
     * default.
     */
    public static Dictionary parseDictionary(String fieldValue, AAuthError code) {
        try {
            return parseDictionary(fieldValue);
        } catch (AAuthException e) {
            throw e.error() == code ? e : e.as(code);
        }
    }
}
