package dev.aauth.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The JSON body of an "Agent Token Request". Every failure here is {@code invalid_request} (400):
 * "Malformed JSON, missing required fields".
 *
 * @param resourceToken "resource_token (REQUIRED): The resource token."
 * @param upstreamToken "upstream_token (OPTIONAL): An auth token from an upstream authorization"
 * @param justification "justification (OPTIONAL): A Markdown string declaring why access is being
 *     requested"
 * @param loginHint {@code login_hint}
 * @param tenant {@code tenant}
 * @param domainHint {@code domain_hint}
 * @param platform {@code platform}
 * @param device {@code device}: "MUST consist of UTF-8 printable characters only (no control
 *     characters) and MUST NOT exceed 64 characters"
 */
public record TokenRequest(
        String resourceToken,
        String upstreamToken,
        String justification,
        String loginHint,
        String tenant,
        String domainHint,
        String platform,
        String device) {

    /** Token requests are small; anything larger is refused unread past this many bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public static final int MAX_DEVICE_CHARS = 64;

    static final List<String> OPTIONAL =
            List.of(
                    "upstream_token",
                    "justification",
                    "login_hint",
                    "tenant",
                    "domain_hint",
                    "platform",
                    "device");

    /** Parses and checks a body. */
    public static TokenRequest parse(byte[] body) {
        Map<String, Object> json = jsonObject(body, "resource_token");
        if (!(json.get("resource_token") instanceof String rt) || rt.isEmpty()) {
            throw invalid("resource_token (REQUIRED) must be a non-empty string");
        }
        for (String name : OPTIONAL) {
            Object v = json.get(name);
            if (v != null && !(v instanceof String)) {
                throw invalid(name + " must be a string");
            }
        }
        String device = (String) json.get("device");
        if (device != null && !isValidDevice(device)) {
            throw invalid("device must be at most " + MAX_DEVICE_CHARS + " printable characters");
        }
        return new TokenRequest(
                rt,
                (String) json.get("upstream_token"),
                (String) json.get("justification"),
                (String) json.get("login_hint"),
                (String) json.get("tenant"),
                (String) json.get("domain_hint"),
                (String) json.get("platform"),
                device);
    }

    /** At most 64 characters (code points), none of them a control character. */
    static boolean isValidDevice(String device) {
        if (device.isEmpty() || device.codePointCount(0, device.length()) > MAX_DEVICE_CHARS) {
            return false;
        }
        return device.codePoints()
                .noneMatch(
                        c ->
                                Character.isISOControl(c)
                                        || Character.getType(c) == Character.FORMAT
                                        || Character.getType(c) == Character.SURROGATE
                                        || Character.getType(c) == Character.UNASSIGNED);
    }

    /**
     * A request body that must be a JSON object of at most {@link #MAX_BODY_BYTES}; anything else
     * is {@code invalid_request}.
     *
     * @param expected what the object must hold, for the message of an empty body
     */
    static Map<String, Object> jsonObject(byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw invalid("the body must be a JSON object with " + expected);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw invalid("the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw invalid("the body is not a JSON object");
        }
        if (json == null) {
            throw invalid("the body is not a JSON object");
        }
        return json;
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
