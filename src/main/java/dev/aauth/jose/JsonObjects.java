package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * JSON objects through jose4j's {@link JsonUtil}, which also refuses duplicate member names (a
 * classic way to make two parsers disagree about a token's header or claims).
 */
final class JsonObjects {

    private JsonObjects() {}

    /** Parses a JSON object; anything else (array, scalar, malformed text) throws {@code error}. */
    static Map<String, Object> parse(String json, AAuthError error, String what) {
        if (json == null) {
            throw new AAuthException(error, what + " is missing");
        }
        Map<String, Object> map;
        try {
            map = JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(error, what + " is not a valid JSON object");
        }
        if (map == null) {
            throw new AAuthException(error, what + " is not a valid JSON object");
        }
        return map;
    }

    static String toJson(Map<String, ?> map) {
        return JsonUtil.toJson(map);
    }

    /**
     * Appends {@code s} as a JSON string literal, escaping quote, backslash and control characters.
     */
    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
