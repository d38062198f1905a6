package dev.aauth.sfv;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The parsing algorithms of RFC 9651 Section 4.2, followed step by step. One instance parses one
 * field value; it is not thread-safe and not reused.
 */
final class StructuredFieldParser {

    private final String in;
    private int pos;

    StructuredFieldParser(String input) {
        this.in = input;
    }

    // 4.2: "Discard any leading SP characters from input_string." ... "Discard any leading SP
    // characters from input_string. If input_string is not empty, fail parsing."
    Item parseItemField() {
        checkAscii();
        skipSP();
        Item item = parseItem();
        skipSP();
        expectEnd();
        return item;
    }

    List<Member> parseListField() {
        checkAscii();
        skipSP();
        List<Member> members = new ArrayList<>();
        while (pos < in.length()) {
            members.add(parseItemOrInnerList());
            skipOWS();
            if (pos >= in.length()) {
                return members;
            }
            if (in.charAt(pos) != ',') {
                throw fail("expected ',' between list members");
            }
            pos++;
            skipOWS();
            if (pos >= in.length()) {
                throw fail("trailing comma in list");
            }
        }
        return members;
    }

    Dictionary parseDictionaryField() {
        checkAscii();
        skipSP();
        Dictionary.Builder dict = Dictionary.builder();
        while (pos < in.length()) {
            String key = parseKey();
            Member member;
            if (pos < in.length() && in.charAt(pos) == '=') {
                pos++;
                member = parseItemOrInnerList();
            } else {
                member = new Item(Boolean.TRUE, parseParameters());
            }
            dict.put(key, member);
            skipOWS();
            if (pos >= in.length()) {
                return dict.buildOwned();
            }
            if (in.charAt(pos) != ',') {
                throw fail("expected ',' between dictionary members");
            }
            pos++;
            skipOWS();
            if (pos >= in.length()) {
                throw fail("trailing comma in dictionary");
            }
        }
        return dict.buildOwned();
    }

    private Member parseItemOrInnerList() {
        if (pos < in.length() && in.charAt(pos) == '(') {
            return parseInnerList();
        }
        return parseItem();
    }

    private InnerList parseInnerList() {
        pos++; // '('
        List<Item> items = new ArrayList<>();
        while (pos < in.length()) {
            skipSP();
            if (pos < in.length() && in.charAt(pos) == ')') {
                pos++;
                return new InnerList(items, parseParameters());
            }
            items.add(parseItem());
            if (pos >= in.length()) {
                break;
            }
            char c = in.charAt(pos);
            if (c != ' ' && c != ')') {
                throw fail("expected SP or ')' in inner list");
            }
        }
        throw fail("unterminated inner list");
    }

    private Item parseItem() {
        Object bare = parseBareItem();
        return new Item(bare, parseParameters());
    }

    private Object parseBareItem() {
        if (pos >= in.length()) {
            throw fail("expected an item");
        }
        char c = in.charAt(pos);
        if (c == '-' || isDigit(c)) {
            return parseNumber();
        }
        if (c == '"') {
            return parseString();
        }
        if (c == '*' || isAlpha(c)) {
            return parseToken();
        }
        if (c == ':') {
            return parseByteSequence();
        }
        if (c == '?') {
            return parseBoolean();
        }
        if (c == '@') {
            return parseDate();
        }
        if (c == '%') {
            return parseDisplayString();
        }
        throw fail("unrecognised item");
    }

    private Parameters parseParameters() {
        Parameters.Builder params = null;
        while (pos < in.length() && in.charAt(pos) == ';') {
            pos++;
            skipSP();
            String key = parseKey();
            Object value = Boolean.TRUE;
            if (pos < in.length() && in.charAt(pos) == '=') {
                pos++;
                value = parseBareItem();
            }
            if (params == null) {
                params = Parameters.builder();
            }
            params.put(key, value);
        }
        return params == null ? Parameters.EMPTY : params.buildOwned();
    }

    private String parseKey() {
        if (pos >= in.length()) {
            throw fail("expected a key");
        }
        char first = in.charAt(pos);
        if (!isLcAlpha(first) && first != '*') {
            throw fail("key must start with lcalpha or '*'");
        }
        int start = pos++;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        return in.substring(start, pos);
    }

    // 4.2.4 Parsing an Integer or Decimal
    private Object parseNumber() {
        boolean decimal = false;
        int sign = 1;
        int start = pos;
        if (in.charAt(pos) == '-') {
            sign = -1;
            pos++;
        }
        if (pos >= in.length() || !isDigit(in.charAt(pos))) {
            throw fail("number must have a digit");
        }
        int digitsStart = pos;
        int dot = -1;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (isDigit(c)) {
                pos++;
            } else if (!decimal && c == '.') {
                if (pos - digitsStart > 12) {
                    throw fail("decimal integer part too long");
                }
                decimal = true;
                dot = pos;
                pos++;
            } else {
                break;
            }
            int len = pos - digitsStart;
            if (!decimal && len > 15) {
                throw fail("integer too long");
            }
            if (decimal && len > 16) {
                throw fail("decimal too long");
            }
        }
        if (!decimal) {
            long value = Long.parseLong(in, digitsStart, pos, 10);
            return sign * value;
        }
        if (dot == pos - 1) {
            throw fail("decimal ends with '.'");
        }
        if (pos - dot - 1 > 3) {
            throw fail("decimal fraction too long");
        }
        return new BigDecimal(in.substring(start, pos));
    }

    // 4.2.5 Parsing a String
    private String parseString() {
        pos++; // '"'
        StringBuilder out = null;
        int runStart = pos;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= in.length()) {
                    throw fail("dangling escape in string");
                }
                char next = in.charAt(pos + 1);
                if (next != '"' && next != '\\') {
                    throw fail("invalid escape in string");
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(in, runStart, pos).append(next);
                pos += 2;
                runStart = pos;
            } else if (c == '"') {
                String result =
                        out == null
                                ? in.substring(runStart, pos)
                                : out.append(in, runStart, pos).toString();
                pos++;
                return result;
            } else if (c < 0x20 || c > 0x7E) {
                throw fail("invalid character in string");
            } else {
                pos++;
            }
        }
        throw fail("unterminated string");
    }

    // 4.2.6 Parsing a Token
    private Token parseToken() {
        int start = pos++;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (isTchar(c) || c == ':' || c == '/') {
                pos++;
            } else {
                break;
            }
        }
        return new Token(in.substring(start, pos));
    }

    // 4.2.7 Parsing a Byte Sequence
    private ByteSequence parseByteSequence() {
        pos++; // ':'
        int start = pos;
        int end = in.indexOf(':', start);
        if (end < 0) {
            throw fail("unterminated byte sequence");
        }
        for (int i = start; i < end; i++) {
            char c = in.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw fail("invalid character in byte sequence");
            }
        }
        pos = end + 1;
        String b64 = in.substring(start, end);
        try {
            return ByteSequence.wrap(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            // "parsers SHOULD NOT fail when '=' padding is not present": retry without padding
            // rules
            try {
                int eq = b64.indexOf('=');
                String bare = eq < 0 ? b64 : b64.substring(0, eq);
                if (eq >= 0 && !b64.substring(eq).chars().allMatch(ch -> ch == '=')) {
                    throw fail("invalid base64 in byte sequence");
                }
                return ByteSequence.wrap(Base64.getDecoder().decode(bare));
            } catch (IllegalArgumentException e2) {
                throw fail("invalid base64 in byte sequence");
            }
        }
    }

    // 4.2.8 Parsing a Boolean
    private Boolean parseBoolean() {
        pos++; // '?'
        if (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '1') {
                pos++;
                return Boolean.TRUE;
            }
            if (c == '0') {
                pos++;
                return Boolean.FALSE;
            }
        }
        throw fail("invalid boolean");
    }

    // 4.2.9 Parsing a Date
    private SfDate parseDate() {
        pos++; // '@'
        if (pos >= in.length() || !(in.charAt(pos) == '-' || isDigit(in.charAt(pos)))) {
            throw fail("invalid date");
        }
        Object n = parseNumber();
        if (!(n instanceof Long l)) {
            throw fail("date must be an integer");
        }
        return new SfDate(l);
    }

    // 4.2.10 Parsing a Display String
    private DisplayString parseDisplayString() {
        pos++; // '%'
        if (pos >= in.length() || in.charAt(pos) != '"') {
            throw fail("display string must start with %\"");
        }
        pos++;
        // The decoded bytes are at most as many as the characters up to the closing DQUOTE (a
        // DQUOTE inside is always "%22"): size the buffer by them, never by the whole field, or a
        // field of many short display strings costs time and memory quadratic in its length
        // (StructuredFieldsFuzzTest).
        int close = in.indexOf('"', pos);
        if (close < 0) {
            throw fail("unterminated display string");
        }
        ByteBuffer bytes = ByteBuffer.allocate(close - pos);
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c < 0x20 || c > 0x7E) {
                throw fail("invalid character in display string");
            }
            if (c == '%') {
                if (pos + 2 >= in.length()) {
                    throw fail("truncated percent-encoding");
                }
                int hi = lowerHex(in.charAt(pos + 1));
                int lo = lowerHex(in.charAt(pos + 2));
                if (hi < 0 || lo < 0) {
                    throw fail("invalid percent-encoding in display string");
                }
                bytes.put((byte) (hi << 4 | lo));
                pos += 3;
            } else if (c == '"') {
                pos++;
                bytes.flip();
                try {
                    return new DisplayString(
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                                    .decode(bytes)
                                    .toString());
                } catch (CharacterCodingException e) {
                    throw fail("display string is not valid UTF-8");
                }
            } else {
                bytes.put((byte) c);
                pos++;
            }
        }
        throw fail("unterminated display string");
    }

    private static int lowerHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private void checkAscii() {
        for (int i = 0; i < in.length(); i++) {
            if (in.charAt(i) > 0x7E) {
                throw fail("field value must be ASCII");
            }
        }
    }

    private void skipSP() {
        while (pos < in.length() && in.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void skipOWS() {
        while (pos < in.length() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void expectEnd() {
        if (pos != in.length()) {
            throw fail("unexpected trailing characters");
        }
    }

    private AAuthException fail(String why) {
        return new AAuthException(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                "malformed structured field at offset " + pos + ": " + why);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
    // "~" / DIGIT / ALPHA
    static boolean isTchar(char c) {
        if (isAlpha(c) || isDigit(c)) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
