package dev.aauth.http;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request path reduced to the one form that protection rules are compared with: percent-decoded
 * exactly once, matrix parameters removed from every segment, dot segments resolved, empty segments
 * ({@code //}, a trailing {@code /}) dropped. {@code /api/market;x=1/status/}, {@code
 * /api//market/./status} and {@code /api/x/../market/status} are all {@code /api/market/status}.
 *
 * <p>What is refused ({@code 400 invalid_request}), because a router or an upstream server may read
 * it another way than a rule does:
 *
 * <ul>
 *   <li>an encoded slash or backslash ({@code %2F}, {@code %5C}): one segment here, two there;
 *   <li>a backslash, a control character or a non-ASCII character in the raw path (RFC 3986 allows
 *       none of them unencoded);
 *   <li>a malformed percent-encoding, or decoded bytes that are not well-formed UTF-8 (overlong
 *       forms such as {@code %C0%AE} for {@code .} are not well-formed);
 *   <li>a decoded segment holding a control character, a {@code ;} (an encoded {@code %3B} that a
 *       second reader could take for a matrix parameter) or a {@code %} (a double encoding such as
 *       {@code %252e} that a second decoding would turn into something else);
 *   <li>a {@code ..} that would climb above the root.
 * </ul>
 *
 * <p>Case is kept: RFC 3986 section 6.2.2.1 makes only the scheme and host case-insensitive, and
 * JAX-RS matches paths case-sensitively, so {@code /API/market} is another path (which no method of
 * {@code /api/market} serves).
 *
 * @param value the canonical path: {@code /} alone, or {@code /} followed by the segments joined
 *     with {@code /}
 * @param segments the decoded segments, none empty, none a dot segment
 */
public record CanonicalPath(String value, List<String> segments) {

    /** The root, {@code /}. */
    public static final CanonicalPath ROOT = new CanonicalPath("/", List.of());

    public CanonicalPath {
        Objects.requireNonNull(value, "value");
        segments = List.copyOf(segments);
    }

    /**
     * The canonical form of a raw (still percent-encoded) path, as it appears in the request line:
     * {@code HttpServletRequest.getRequestURI()}, JAX-RS {@code
     * UriInfo.getRequestUri().getRawPath()} or a gateway's original URI without its query. An empty
     * path is the root.
     *
     * @throws AAuthException {@code invalid_request} when the path cannot be read one unambiguous
     *     way
     */
    public static CanonicalPath parse(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (rawPath.isEmpty()) {
            return ROOT;
        }
        if (rawPath.charAt(0) != '/') {
            throw refused("does not start with /");
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            String segment = decodeSegment(rawPath, start, end);
            if (segment.isEmpty() || segment.equals(".")) {
                // "//", a trailing "/" and "/./" name the same resource as without them
            } else if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw refused("a .. segment climbs above the root");
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(segment);
            }
            start = end + 1;
        }
        return segments.isEmpty()
                ? ROOT
                : new CanonicalPath("/" + String.join("/", segments), segments);
    }

    /**
     * The canonical path of a request target in origin form ({@code /path?query}), as a gateway
     * reports it ({@code X-Original-URI}, {@code X-Forwarded-Uri}, Envoy's {@code :path}): the
     * query is cut off first; a fragment is refused (clients never send one).
     */
    public static CanonicalPath ofRequestTarget(String requestTarget) {
        Objects.requireNonNull(requestTarget, "requestTarget");
        if (requestTarget.indexOf('#') >= 0) {
            throw refused("a request target has no fragment");
        }
        int query = requestTarget.indexOf('?');
        return parse(query < 0 ? requestTarget : requestTarget.substring(0, query));
    }

    /** Whether this path is {@code prefix} or lies below it ({@code /admin} is below {@code /}). */
    public boolean isAtOrBelow(CanonicalPath prefix) {
        if (prefix.segments.size() > segments.size()) {
            return false;
        }
        return segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String decodeSegment(String raw, int start, int end) {
        // RFC 3986 section 3.3: a segment's parameters (";...") are not part of the resource's
        // name; JAX-RS routes "/a;x=1/b" to "/a/b", so the rule must see it that way too. The ';'
        // is looked for within this segment only: a search to the end of the path for every
        // segment made a long path without ';' quadratic (CanonicalPathFuzzTest).
        int nameEnd = end;
        boolean encoded = false;
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                throw refused("a control, space, backslash or non-ASCII character");
            }
            if (c == '%' && i < nameEnd) {
                encoded = true;
            } else if (c == ';' && nameEnd == end) {
                nameEnd = i;
            }
        }
        if (!encoded) {
            return raw.substring(start, nameEnd);
        }
        byte[] bytes = new byte[nameEnd - start];
        int n = 0;
        for (int i = start; i < nameEnd; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= nameEnd) {
                    throw refused("a truncated percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw refused("a malformed percent-encoding");
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        String decoded = strictUtf8(bytes, n);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\') {
                throw refused("an encoded slash or backslash");
            }
            if (c == ';' || c == '%') {
                throw refused("an encoded ; or a double encoding");
            }
            if (Character.isISOControl(c)) {
                throw refused("an encoded control character");
            }
        }
        return decoded;
    }

    private static String strictUtf8(byte[] bytes, int length) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw refused("percent-encoded bytes that are not well-formed UTF-8");
        }
    }

    private static AAuthException refused(String why) {
        return new AAuthException(AAuthError.INVALID_REQUEST, "request path refused: " + why);
    }
}
