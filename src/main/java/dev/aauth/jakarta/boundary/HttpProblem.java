package dev.aauth.jakarta.boundary;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The body of an error answer that has none of its own: RFC 9457 problem details with {@code type}
 * {@code about:blank}, whose {@code title} "SHOULD be the same as the recommended HTTP status
 * phrase for that code", and {@code status}. Used by {@link ProblemBodies} (JAX-RS answers) and
 * {@link ErrorPage} (the container's error answers), so that no error answer is empty or a server's
 * own HTML page (which names the server and its version).
 */
public final class HttpProblem {

    public static final String PROBLEM_JSON = "application/problem+json";

    private HttpProblem() {}

    /** The title of {@code status}: its reason phrase, "Error" for a code without one. */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** {@code {"type":"about:blank","title":...,"status":...}}, and {@code detail} when given. */
    public static String json(int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        if (detail != null && !detail.isBlank()) {
            body.put("detail", detail);
        }
        return JsonUtil.toJson(body);
    }
}
