package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own strict JSON reader (RFC 8259), for JOSE headers, JWT claims and JWKs on the
 * verification path: it reads UTF-8 bytes as they come out of base64url, with no intermediate
 * {@code String} of the whole text and no lexer buffer, so a token's parse allocates little more
 * than its values.
 *
 * <p>Strict where RFC 8259 leaves room or a lenient parser would disagree with another:
 *
 * <ul>
 *   <li>"JSON text exchanged between systems that are not part of a closed ecosystem MUST be
 *       encoded using UTF-8" (section 8.1): the bytes must be well-formed UTF-8 (no overlong forms,
 *       no encoded surrogates, nothing above U+10FFFF); a byte order mark is refused;
 *   <li>"The names within an object SHOULD be unique" (section 4): a duplicate name (compared after
 *       unescaping) is refused, never resolved to the first or last value;
 *   <li>numbers follow the grammar of section 6 exactly (no leading zeros, no {@code +}, no bare
 *       {@code .}, no {@code NaN}/{@code Infinity}); an integer (no fraction, no exponent) is a
 *       {@link Long} and one outside its range is refused; any other number is a finite {@link
 *       Double} ("An implementation may set limits on the range and precision of numbers");
 *   <li>strings: every control character below U+0020 must be escaped, only the nine escapes of
 *       section 7 exist, and a {@code \}{@code u} escape of a surrogate must form a pair ("An
 *       implementation may set limits ... on the length and character contents of strings": a lone
 *       surrogate is refused);
 *   <li>only the four whitespace characters of section 2; nothing after the value;
 *   <li>limits: at most {@link #MAX_DEPTH} nested arrays/objects and {@link #MAX_BYTES} bytes ("An
 *       implementation may set limits on the size of texts that it accepts. An implementation may
 *       set limits on the maximum depth of nesting.", section 9).
 * </ul>
 *
 * <p>Values: objects are {@link LinkedHashMap}s in document order, arrays {@link ArrayList}s,
 * strings {@link String}s, {@link Long}, {@link Double}, {@link Boolean} and {@code null} (the same
 * types jose4j's {@code JsonUtil} gave, so callers did not change). The only exception that leaves
 * this class is {@link AAuthException} with the caller's error code.
 */
public final class JsonReader {

    /** Arrays and objects nested deeper than this are refused. */
    public static final int MAX_DEPTH = 32;

    /** Texts longer than this (in bytes) are refused before reading. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final byte[] in;
    private final int end;
    private final AAuthError error;
    private final String what;
    private int pos;
    private char[] scratch;

    private JsonReader(byte[] in, int from, int to, AAuthError error, String what) {
        this.in = in;
        this.pos = from;
        this.end = to;
        this.error = error;
        this.what = what;
    }

    /**
     * Reads a JSON text that must be an object.
     *
     * @throws AAuthException {@code error} ("{@code what} is not a valid JSON object: ...") for
     *     anything else
     */
    public static Map<String, Object> readObject(byte[] utf8, AAuthError error, String what) {
        if (utf8 == null) {
            throw new AAuthException(error, what + " is missing");
        }
        return readObject(utf8, 0, utf8.length, error, what);
    }

    /** {@link #readObject(byte[], AAuthError, String)} of {@code utf8[from, to)}. */
    static Map<String, Object> readObject(
            byte[] utf8, int from, int to, AAuthError error, String what) {
        Object v = read(utf8, from, to, error, what);
        if (!(v instanceof Map)) {
            throw new AAuthException(error, what + " is not a valid JSON object: not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    /** {@link #readObject(byte[], AAuthError, String)} of a text given as a Java string. */
    public static Map<String, Object> readObject(String json, AAuthError error, String what) {
        if (json == null) {
            throw new AAuthException(error, what + " is missing");
        }
        return readObject(utf8(json, error, what), error, what);
    }

    /** Reads any JSON value (RFC 8259 section 2: a JSON text is a serialized value). */
    public static Object read(byte[] utf8, AAuthError error, String what) {
        if (utf8 == null) {
            throw new AAuthException(error, what + " is missing");
        }
        return read(utf8, 0, utf8.length, error, what);
    }

    private static Object read(byte[] in, int from, int to, AAuthError error, String what) {
        if (to - from > MAX_BYTES) {
            throw new AAuthException(
                    error,
                    what + " is not a valid JSON object: longer than " + MAX_BYTES + " bytes");
        }
        JsonReader r = new JsonReader(in, from, to, error, what);
        r.skipWhitespace();
        Object v = r.value(0);
        r.skipWhitespace();
        if (r.pos != r.end) {
            throw r.fail("text after the value");
        }
        return v;
    }

    /** A Java string as UTF-8; an unpaired surrogate (not encodable) is refused. */
    private static byte[] utf8(String s, AAuthError error, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new AAuthException(
                        error, what + " is not a valid JSON object: unpaired surrogate");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private AAuthException fail(String reason) {
        return new AAuthException(
                error, what + " is not a valid JSON object: " + reason + " at byte " + pos);
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Object value(int depth) {
        if (pos >= end) {
            throw fail("unexpected end");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return name();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw fail("unexpected character");
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            throw fail("unknown literal");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw fail("unknown literal");
            }
        }
        pos += n;
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nested deeper than " + MAX_DEPTH);
        }
        pos++; // '{'
        // a token's claims (top level) fit 16 without a resize; a nested cnf or jwk fits 8
        Map<String, Object> m = new LinkedHashMap<>(depth == 1 ? 16 : 8);
        skipWhitespace();
        if (pos < end && in[pos] == '}') {
            pos++;
            return m;
        }
        while (true) {
            if (pos >= end || in[pos] != '"') {
                throw fail("expected a member name");
            }
            String name = name();
            skipWhitespace();
            if (pos >= end || in[pos] != ':') {
                throw fail("expected ':'");
            }
            pos++;
            skipWhitespace();
            int before = m.size();
            m.put(name, value(depth));
            if (m.size() == before) {
                throw fail("duplicate member name");
            }
            if (!another('}')) {
                return m;
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nested deeper than " + MAX_DEPTH);
        }
        pos++; // '['
        List<Object> list = new ArrayList<>(4);
        skipWhitespace();
        if (pos < end && in[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            if (!another(']')) {
                return list;
            }
        }
    }

    /**
     * After a member or element: {@code true} on a ',' (skipped), {@code false} on {@code close}.
     */
    private boolean another(char close) {
        skipWhitespace();
        if (pos >= end) {
            throw fail("unexpected end");
        }
        byte b = in[pos];
        if (b != ',' && b != close) {
            throw fail("expected ',' or '" + close + "'");
        }
        pos++;
        skipWhitespace();
        return b == ',';
    }

    /**
     * Member names of JOSE headers, JWT claims and JWKs, and the values tokens repeat ({@code alg},
     * {@code typ}, {@code dwk}, key types), by length: a string read that is one of them is this
     * constant, not a new string.
     */
    private static final String[][] KNOWN_NAMES = knownNames();

    private static String[][] knownNames() {
        String[] names = {
            "x",
            "y",
            "d",
            "ps",
            "alg",
            "typ",
            "kid",
            "jwk",
            "cty",
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "nbf",
            "jti",
            "cnf",
            "act",
            "dwk",
            "kty",
            "crv",
            "use",
            "txn",
            "jkt",
            "keys",
            "scope",
            "agent",
            "key_ops",
            "mission",
            "agent_jkt",
            "presented_jti",
            // and the values every token repeats
            "EdDSA",
            "Ed25519",
            "ES256",
            "OKP",
            "EC",
            "P-256",
            "sig",
            "aa-agent+jwt",
            "aa-resource+jwt",
            "aa-auth+jwt",
            "aa-person+jwt",
            "aauth-agent.json",
            "aauth-resource.json",
            "aauth-person.json",
            "aauth-access.json",
        };
        String[][] byLength = new String[24][];
        for (String n : names) {
            String[] old = byLength[n.length()];
            String[] grown = old == null ? new String[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = n;
            byLength[n.length()] = grown;
        }
        return byLength;
    }

    /** A string: a known one without allocating, else {@link #string()}. */
    private String name() {
        int start = pos + 1;
        int i = start;
        while (i < end && in[i] != '"' && in[i] != '\\' && in[i] >= 0x20) {
            i++;
        }
        int len = i - start;
        if (i < end && in[i] == '"' && len < KNOWN_NAMES.length && KNOWN_NAMES[len] != null) {
            for (String known : KNOWN_NAMES[len]) {
                if (sameAscii(known, start)) {
                    pos = i + 1;
                    return known;
                }
            }
        }
        return string();
    }

    private boolean sameAscii(String known, int at) {
        for (int k = 0; k < known.length(); k++) {
            if (in[at + k] != known.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A string; {@code pos} at its opening quote. ASCII without escapes is one copy. */
    private String string() {
        int start = ++pos;
        while (pos < end) {
            byte b = in[pos];
            if (b == '"') {
                String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
                pos++;
                return s;
            }
            if (b == '\\' || b < 0x20) { // b < 0: a non-ASCII byte, b < 0x20: control
                break;
            }
            pos++;
        }
        return slowString(start);
    }

    /** A string with escapes or non-ASCII characters, decoded into chars. */
    private String slowString(int start) {
        if (scratch == null || scratch.length < end - start) {
            scratch = new char[Math.max(16, end - start)];
        }
        char[] out = scratch;
        int n = 0;
        pos = start;
        while (true) {
            if (pos >= end) {
                throw fail("unterminated string");
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return new String(out, 0, n);
            }
            if (b < 0x20) {
                throw fail("unescaped control character in a string");
            }
            if (b == '\\') {
                n = escape(out, n);
            } else if (b < 0x80) {
                out[n++] = (char) b;
                pos++;
            } else {
                int cp = utf8Sequence(b);
                n += Character.toChars(cp, out, n);
            }
        }
    }

    /** RFC 8259 section 7's two-character escapes, after the backslash, and what they stand for. */
    private static final String SIMPLE_ESCAPES = "\"\\/bfnrt";

    private static final String SIMPLE_ESCAPED = "\"\\/\b\f\n\r\t";

    private int escape(char[] out, int n) {
        if (pos + 1 >= end) {
            throw fail("unterminated escape");
        }
        byte e = in[pos + 1];
        pos += 2;
        int simple = SIMPLE_ESCAPES.indexOf(e);
        if (simple >= 0) {
            out[n] = SIMPLE_ESCAPED.charAt(simple);
            return n + 1;
        }
        switch (e) {
            case 'u':
                char c = hex4();
                if (Character.isLowSurrogate(c)) {
                    throw fail("unpaired low surrogate escape");
                }
                if (Character.isHighSurrogate(c)) {
                    if (pos + 1 >= end || in[pos] != '\\' || in[pos + 1] != 'u') {
                        throw fail("unpaired high surrogate escape");
                    }
                    pos += 2;
                    char low = hex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw fail("unpaired high surrogate escape");
                    }
                    out[n] = c;
                    out[n + 1] = low;
                    return n + 2;
                }
                out[n] = c;
                return n + 1;
            default:
                pos -= 2;
                throw fail("invalid escape");
        }
    }

    private char hex4() {
        if (end - pos < 4) {
            throw fail("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0) {
                throw fail("invalid \\u escape");
            }
            v = (v << 4) | d;
        }
        pos += 4;
        return (char) v;
    }

    /**
     * One well-formed UTF-8 sequence (RFC 3629 section 4's syntax: shortest form only, no
     * surrogates, at most U+10FFFF) starting with lead byte {@code b} at {@code pos}.
     */
    private int utf8Sequence(int b) {
        int len;
        int cp;
        int min;
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
            cp = b & 0x1F;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            cp = b & 0x0F;
            min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            cp = b & 0x07;
            min = 0x10000;
        } else {
            throw fail("malformed UTF-8");
        }
        if (end - pos < len) {
            throw fail("truncated UTF-8");
        }
        for (int i = 1; i < len; i++) {
            int c = in[pos + i] & 0xff;
            if ((c & 0xC0) != 0x80) {
                throw fail("malformed UTF-8");
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw fail("malformed UTF-8");
        }
        pos += len;
        return cp;
    }

    /** RFC 8259 section 6: {@code [ minus ] int [ frac ] [ exp ]}. */
    private Object number() {
        int start = pos;
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        if (pos >= end || !digit(in[pos])) {
            throw fail("invalid number");
        }
        if (in[pos] == '0') {
            pos++;
            if (pos < end && digit(in[pos])) {
                throw fail("leading zero in a number");
            }
        } else {
            while (pos < end && digit(in[pos])) {
                pos++;
            }
        }
        boolean integer = true;
        if (pos < end && in[pos] == '.') {
            integer = false;
            pos++;
            digits();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            digits();
        }
        if (integer) {
            return integer(start, negative);
        }
        double d =
                Double.parseDouble(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(d)) {
            throw fail("number out of range");
        }
        return d;
    }

    private Long integer(int start, boolean negative) {
        long v = 0;
        for (int i = negative ? start + 1 : start; i < pos; i++) {
            int d = in[i] - '0';
            // accumulate negatively: Long.MIN_VALUE has no positive counterpart
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw fail("integer out of range");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw fail("integer out of range");
            }
            v = -v;
        }
        return v;
    }

    private void digits() {
        if (pos >= end || !digit(in[pos])) {
            throw fail("invalid number");
        }
        while (pos < end && digit(in[pos])) {
            pos++;
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
