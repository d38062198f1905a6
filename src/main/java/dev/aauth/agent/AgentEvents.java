package dev.aauth.agent;

import java.util.List;
import java.util.Map;

/**
 * What the agent runtime tells the application while it answers a challenge: each HTTP exchange it
 * makes or sees, and the tokens it verified. The demo page records these as its steps; tracing
 * turns them into span events. Every method has a default that does nothing.
 */
public interface AgentEvents {

    AgentEvents NONE = new AgentEvents() {};

    /**
     * A request sent (to a resource or the Person Server) and its answer, with the time it took.
     */
    default void exchange(
            String party,
            String method,
            String url,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody,
            long millis) {}

    /** A verified token ({@code resource}, {@code auth}) and its claims. */
    default void token(String kind, Map<String, Object> claims) {}

    /** A note in plain words: "verified resource token", "retrying with the auth token", ... */
    default void note(String text) {}
}
