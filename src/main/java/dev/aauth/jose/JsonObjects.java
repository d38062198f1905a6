package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * JSON objects: read by the project's strict {@link JsonReader}, which refuses duplicate member
 * names (a classic way to make two parsers disagree about a token's header or claims); written by
 * jose4j's {@link JsonUtil}.
 */
final class JsonObjects {

    private JsonObjects() {}

    /**
     * Parses a JSON object with the project's strict {@link JsonReader}; anything else (array,
     * scalar, malformed text, duplicate names) throws {@code error}.
     */
    static Map<String, Object> parse(String json, AAuthError error, String what) {
        return JsonReader.readObject(json, error, what);
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
