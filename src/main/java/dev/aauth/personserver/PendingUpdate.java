package dev.aauth.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Map;

/**
 * The JSON body of a {@code POST} to a pending URL ("Agent Response to Clarification"), exactly one
 * of:
 *
 * <ul>
 *   <li>"Clarification response: POST a clarification_response to the pending URL" ({@link
 *       Clarification});
 *   <li>"Updated request: POST a new resource_token to the pending URL, replacing the original
 *       request with updated scope or parameters", with an optional {@code justification} ({@link
 *       UpdatedRequest}).
 * </ul>
 *
 * Every failure here is {@code invalid_request} (400): "Malformed JSON, missing required fields".
 * Both members at once, or neither, is malformed. The strings are untrusted Markdown
 * ("Clarification responses from agents are untrusted input and MUST be sanitized before display"):
 * they are stored as received and sanitized where shown; here they are only validated ("MUST
 * validate all values before processing"): at most {@value #MAX_TEXT_CHARS} characters, no control
 * characters but tab, line feed and carriage return.
 */
public sealed interface PendingUpdate {

    /**
     * The longest {@code clarification_response} or {@code justification} accepted (the store's
     * column width).
     */
    int MAX_TEXT_CHARS = 8192;

    /** {@code {"clarification_response": "..."}}. */
    record Clarification(String response) implements PendingUpdate {}

    /** {@code {"resource_token": "...", "justification": "..."}}; the justification may be null. */
    record UpdatedRequest(String resourceToken, String justification) implements PendingUpdate {}

    static PendingUpdate parse(byte[] body) {
        return parse(body, AAuthProfile.DRAFT_01);
    }

    /**
     * As {@link #parse(byte[])}; under draft -11 the body also names its kind: "A POST body MUST
     * include an action member identifying the response type. A server MUST reject a POST with a
     * missing or unrecognized action value with 400 Bad Request" ({@code clarification_response} or
     * {@code updated_request}, matching the member sent).
     */
    static PendingUpdate parse(byte[] body, AAuthProfile profile) {
        Map<String, Object> json =
                TokenRequest.jsonObject(body, "clarification_response or resource_token");
        if (profile == AAuthProfile.DRAFT_11) {
            Object action = json.get("action");
            if (action == null) {
                throw invalid("action (REQUIRED) is missing");
            }
            String expected =
                    switch (action instanceof String a ? a : "") {
                        case "clarification_response" -> "clarification_response";
                        case "updated_request" -> "resource_token";
                        default ->
                                throw invalid(
                                        "action is not recognized (clarification_response,"
                                                + " updated_request)");
                    };
            if (json.get(expected) == null) {
                throw invalid("action " + action + " needs " + expected);
            }
        }
        Object response = json.get("clarification_response");
        Object token = json.get("resource_token");
        if (response != null && token != null) {
            throw invalid("send either clarification_response or resource_token, not both");
        }
        if (response != null) {
            return new Clarification(text("clarification_response", response));
        }
        if (token == null) {
            throw invalid("clarification_response or resource_token is required");
        }
        if (!(token instanceof String rt) || rt.isEmpty()) {
            throw invalid("resource_token must be a non-empty string");
        }
        Object justification = json.get("justification");
        return new UpdatedRequest(
                rt, justification == null ? null : text("justification", justification));
    }

    private static String text(String name, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(name + " must be a non-empty string");
        }
        if (s.length() > MAX_TEXT_CHARS) {
            throw invalid(name + " must be at most " + MAX_TEXT_CHARS + " characters");
        }
        if (s.chars()
                .anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            throw invalid(name + " must not contain control characters");
        }
        return s;
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
