package dev.aauth.httpsig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code @query-param} (RFC 9421 Section 2.2.8): "the query string is parsed using the
 * application/x-www-form-urlencoded parsing algorithm defined in Section 5.1 of [HTMLURL] ... each
 * name and value is then encoded using the 'percent-encode after encoding' process ... with the
 * application/x-www-form-urlencoded percent-encode set" and spaceAsPlus false.
 */
final class QueryParameters {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryParameters() {}

    /**
     * Appends the encoded value of the one parameter whose encoded name is {@code encodedName}.
     * Section 2.2.8: "If a query parameter is named as a covered component but it does not occur in
     * the target URI, the ... signature base generation MUST fail" and "If a parameter name occurs
     * multiple times in a request, the named query parameter MUST NOT be included."
     */
    static void appendValue(StringBuilder sb, String rawQuery, String encodedName) {
        if (rawQuery == null) {
            throw Syntax.invalid("@query-param: the target URI has no query");
        }
        String found = null;
        int len = rawQuery.length();
        int pos = 0;
        while (pos <= len) {
            int amp = rawQuery.indexOf('&', pos);
            if (amp < 0) {
                amp = len;
            }
            if (amp > pos) {
                int eq = rawQuery.indexOf('=', pos);
                if (eq >= amp) {
                    eq = -1;
                }
                String name = encode(decode(rawQuery, pos, eq < 0 ? amp : eq));
                if (name.equals(encodedName)) {
                    if (found != null) {
                        throw Syntax.invalid(
                                "@query-param: parameter "
                                        + encodedName
                                        + " occurs more than once and MUST NOT be included");
                    }
                    found = eq < 0 ? "" : encode(decode(rawQuery, eq + 1, amp));
                }
            }
            pos = amp + 1;
        }
        if (found == null) {
            throw Syntax.invalid("@query-param: parameter " + encodedName + " is not in the query");
        }
        sb.append(found);
    }

    // HTMLURL 5.1 step 3.3-3.5: replace '+' with space, percent-decode, UTF-8 decode (without BOM,
    // lossy)
    static String decode(String s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && hex(s, i + 1, to) >= 0 && hex(s, i + 2, to) >= 0) {
                out.write(hex(s, i + 1, to) << 4 | hex(s, i + 2, to));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // a raw query should be ASCII; a container that decoded it gives us characters:
                // UTF-8 them
                int end =
                        Character.isHighSurrogate(c)
                                        && i + 1 < to
                                        && Character.isLowSurrogate(s.charAt(i + 1))
                                ? i + 2
                                : i + 1;
                byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String s, int i, int to) {
        if (i >= to) {
            return -1;
        }
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * "percent-encode after encoding" with UTF-8 and the application/x-www-form-urlencoded
     * percent-encode set, spaceAsPlus false: every byte except ASCII alphanumerics and {@code *-._}
     * becomes {@code %XX} (uppercase hex).
     */
    static String encode(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = unreserved(s.charAt(i));
        }
        if (plain) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() * 3);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && unreserved((char) c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '*'
                || c == '-'
                || c == '.'
                || c == '_';
    }
}
