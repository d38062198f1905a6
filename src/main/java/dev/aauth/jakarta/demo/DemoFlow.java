package dev.aauth.jakarta.demo;

import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.InteractionCallback;
import dev.aauth.draft.AAuthProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One demo action as the page shows it: each step (requests and answers, verified tokens as claim
 * tables, notes) with its time since the start, the interaction to show the person, and the
 * outcome. It is the {@link AgentEvents} and {@link InteractionCallback} of the agent call.
 * Thread-safe (the page reads while the action runs).
 */
public final class DemoFlow implements AgentEvents, InteractionCallback {

    /** Header fields the page shows; the others (Host, User-Agent, ...) are noise. */
    private static final Set<String> SHOWN =
            Set.of(
                    "signature-input",
                    "signature",
                    "signature-key",
                    "content-type",
                    "content-digest",
                    "aauth-capabilities",
                    "aauth-requirement",
                    "location",
                    "retry-after",
                    "signature-error",
                    "accept-signature",
                    "cache-control");

    private static final int MAX_BODY = 4000;

    private final String id;
    private final String action;
    private final long startNanos = System.nanoTime();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private String state = "running";
    private Map<String, Object> interaction;
    private Object result;
    private String error;
    private Long totalMillis;
    private AAuthProfile draft;

    public DemoFlow(String id, String action) {
        this.id = id;
        this.action = action;
    }

    public String id() {
        return id;
    }

    public synchronized String userUrl() {
        return interaction == null ? null : (String) interaction.get("userUrl");
    }

    @Override
    public synchronized void exchange(
            String party,
            String method,
            String url,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody,
            long millis) {
        Map<String, Object> s = step("exchange");
        s.put("party", party);
        s.put("method", method);
        s.put("url", url);
        s.put("requestHeaders", shown(requestHeaders == null ? Map.of() : lines(requestHeaders)));
        s.put("requestBody", truncate(requestBody));
        s.put("status", status);
        s.put("responseHeaders", shown(responseHeaders));
        s.put("responseBody", truncate(responseBody));
        s.put("millis", millis);
    }

    @Override
    public synchronized void token(String kind, Map<String, Object> claims) {
        Map<String, Object> s = step("token");
        s.put("token", kind);
        s.put("claims", claims);
    }

    @Override
    public synchronized void note(String text) {
        step("note").put("text", text);
    }

    @Override
    public synchronized void interactionRequired(String url, String code, String userUrl) {
        interaction =
                Map.of(
                        "url",
                        url,
                        "code",
                        code,
                        "userUrl",
                        userUrl,
                        "qr",
                        "/demo/api/flows/" + id + "/qr.svg");
        state = "waiting";
        note("the person must approve: " + userUrl + " (code " + code + ")");
    }

    /** The draft the flow's agent speaks (the page shows it). */
    public synchronized void draft(AAuthProfile profile) {
        draft = profile;
    }

    public synchronized void succeeded(Object value) {
        result = value;
        state = "done";
        totalMillis = elapsed();
    }

    public synchronized void failed(String message) {
        error = message;
        state = "failed";
        totalMillis = elapsed();
    }

    /** The steps so far, a copy. */
    public synchronized List<Map<String, Object>> steps() {
        return new ArrayList<>(steps);
    }

    /** The flow as the page reads it. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("action", action);
        if (draft != null) {
            v.put("draft", draft.id());
        }
        v.put("state", state);
        v.put("steps", new ArrayList<>(steps));
        v.put("interaction", interaction);
        v.put("result", result);
        v.put("error", error);
        v.put("totalMillis", totalMillis);
        return v;
    }

    private Map<String, Object> step(String kind) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind);
        s.put("atMillis", elapsed());
        steps.add(s);
        return s;
    }

    private long elapsed() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Map<String, List<String>> lines(Map<String, String> headers) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        headers.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    private static Map<String, String> shown(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(
                (k, v) -> {
                    String name = k.toLowerCase(Locale.ROOT);
                    if (SHOWN.contains(name)) {
                        out.put(name, String.join(", ", v));
                    }
                });
        return out;
    }

    private static String truncate(String body) {
        return body == null || body.length() <= MAX_BODY
                ? body
                : body.substring(0, MAX_BODY) + "...";
    }
}
