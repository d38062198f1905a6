package dev.aauth.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * An endpoint error body. Draft -09 onwards (RFC 9457): "Error response bodies use the HTTP problem
 * details format ([RFC9457]) with Content-Type: application/problem+json ... error (REQUIRED):
 * String. A single error code ... This is an RFC 9457 extension member; receivers MUST determine
 * how to proceed from this member. detail (OPTIONAL)". Draft -01: {@code application/json} with
 * {@code error} and {@code error_description}.
 *
 * <p>Plain JSON shaping, for both sides: a server writes {@link #json(boolean)} with {@link
 * #contentType(boolean)}; an agent reads any of the two shapes with {@link #parse(String)} (the
 * {@code error} member is the same in both; "receivers MUST NOT rely on type to identify AAuth
 * errors").
 *
 * @param error the wire code
 * @param detail the human-readable explanation, or null
 * @param status the HTTP status (written as {@code status} in problem details), or 0
 */
public record ProblemDetails(String error, String detail, int status) {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String JSON = "application/json";

    public ProblemDetails {
        Objects.requireNonNull(error, "error");
    }

    /** The body for {@code e}. */
    public static ProblemDetails of(AAuthException e) {
        return new ProblemDetails(e.code(), e.detail(), e.status());
    }

    /** {@code application/problem+json} (-09 onwards) or {@code application/json} (-01). */
    public static String contentType(boolean problemDetails) {
        return problemDetails ? PROBLEM_JSON : JSON;
    }

    /**
     * The body: {@code {"error", "detail", "status"}} as problem details, or {@code {"error",
     * "error_description"}} (-01).
     */
    public String json(boolean problemDetails) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (detail != null) {
            body.put(problemDetails ? "detail" : "error_description", detail);
        }
        if (problemDetails && status > 0) {
            body.put("status", status);
        }
        return JsonUtil.toJson(body);
    }

    /**
     * Reads a received error body of either shape: {@code detail}, else {@code error_description}.
     * A body without a string {@code error} is {@code server_error} ("500 ... Internal error") with
     * no detail.
     */
    public static ProblemDetails parse(String body) {
        Map<String, Object> map;
        try {
            map = body == null ? null : JsonUtil.parseJson(body);
        } catch (JoseException | RuntimeException e) {
            map = null;
        }
        if (map == null || !(map.get("error") instanceof String error) || error.isEmpty()) {
            return new ProblemDetails(AAuthError.SERVER_ERROR.code(), null, 0);
        }
        Object detail = map.get("detail");
        if (!(detail instanceof String)) {
            detail = map.get("error_description");
        }
        Object status = map.get("status");
        return new ProblemDetails(
                error,
                detail instanceof String d ? d : null,
                status instanceof Number n ? n.intValue() : 0);
    }
}
