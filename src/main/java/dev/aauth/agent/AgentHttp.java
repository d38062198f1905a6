package dev.aauth.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP calls the agent runtime makes itself (to the Person Server and the Agent Provider): one
 * request, one response, bounded in time by the implementation. {@link JdkAgentHttp} is the real
 * one; tests script one.
 */
@FunctionalInterface
public interface AgentHttp {

    Response send(Request request);

    /** A request: header names lowercase, body possibly null. */
    record Request(String method, String url, Map<String, String> headers, byte[] body) {

        public Request {
            headers = Map.copyOf(headers);
        }
    }

    /** A response: header names lowercase. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        public Response {
            Map<String, List<String>> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            headers = Map.copyOf(lower);
        }

        public Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", v));
        }

        public static Response of(int status, Map<String, String> headers, String body) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k, List.of(v)));
            return new Response(status, h, body);
        }
    }
}
