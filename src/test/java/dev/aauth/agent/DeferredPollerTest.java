package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent's polling of a deferred response ("Deferred Responses", "Polling with GET", the state
 * machine).
 */
class DeferredPollerTest {

    static final String PS = "https://ps.example";
    static final String TOKEN = PS + "/aauth/token";
    static final String PENDING = PS + "/aauth/pending/abc";
    static final String INTERACTION =
            "requirement=interaction;url=\"https://ps.example/interaction\";code=\"ABCD-1234\"";

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_780_000_000L));
    final List<Duration> sleeps = new ArrayList<>();
    final Sleeper sleeper =
            d -> {
                sleeps.add(d);
                clock.advance(d);
            };
    final Deque<AgentHttp.Response> script = new ArrayDeque<>();
    final List<String> sent = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();
    final DeferredPoller.PendingCall call =
            (method, url, body) -> {
                sent.add(method + " " + url);
                bodies.add(body == null ? null : new String(body, StandardCharsets.UTF_8));
                if (method.equals("DELETE")) {
                    return AgentHttp.Response.of(204, Map.of(), "");
                }
                AgentHttp.Response r = script.poll();
                if (r == null) {
                    throw new AssertionError("polled more than scripted: " + sent);
                }
                return r;
            };
    final List<String> shown = new ArrayList<>();
    final InteractionCallback interaction = (url, code, userUrl) -> shown.add(userUrl);

    static AgentHttp.Response pending(String retryAfter, String requirement, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", "/aauth/pending/abc");
        h.put("Cache-Control", "no-store");
        if (retryAfter != null) {
            h.put("Retry-After", retryAfter);
        }
        if (requirement != null) {
            h.put("AAuth-Requirement", requirement);
        }
        return AgentHttp.Response.of(202, h, body);
    }

    static AgentHttp.Response status(int status, String body) {
        return AgentHttp.Response.of(status, Map.of("Content-Type", "application/json"), body);
    }

    static final AgentHttp.Response GRANTED =
            status(200, "{\"auth_token\":\"x.y.z\",\"expires_in\":3600}");

    DeferredPoller poller(Duration maxWait) {
        return new DeferredPoller(clock, sleeper, maxWait, SecurityMode.STRICT);
    }

    AgentHttp.Response await(AgentHttp.Response first, ClarificationHandler clarification) {
        return poller(Duration.ofMinutes(10)).await(first, TOKEN, call, interaction, clarification);
    }

    @Test
    @DisplayName(
            "\"The agent MUST respect Retry-After values\": it waits that long before each GET of the Location")
    void retryAfterIsHonoured() {
        script.add(pending("3", null, "{\"status\":\"pending\"}"));
        script.add(GRANTED);
        assertEquals(
                200,
                await(
                                pending("2", INTERACTION, "{\"status\":\"pending\"}"),
                                ClarificationHandler.CANCEL)
                        .status());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), sleeps);
        assertEquals(
                List.of("GET " + PENDING, "GET " + PENDING),
                sent,
                "polling is GET on the Location, resolved on the PS origin");
    }

    @Test
    @DisplayName(
            "\"If a Retry-After header is not present, the default polling interval is 5 seconds\"")
    void defaultIntervalIsFiveSeconds() {
        script.add(GRANTED);
        await(pending(null, null, "{\"status\":\"pending\"}"), ClarificationHandler.CANCEL);
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps);
    }

    @Test
    @DisplayName(
            "\"If the server responds with 429 ... the agent MUST increase its polling interval by 5 seconds\", and keeps it")
    void slowDownAddsFiveSeconds() {
        script.add(status(429, "{\"error\":\"slow_down\"}"));
        script.add(pending("5", null, "{\"status\":\"pending\"}"));
        script.add(GRANTED);
        await(pending("5", null, "{\"status\":\"pending\"}"), ClarificationHandler.CANCEL);
        assertEquals(
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                sleeps);
    }

    @Test
    @DisplayName("\"Agents MUST treat unrecognized status values as pending and continue polling\"")
    void unknownStatusIsPending() {
        script.add(pending("1", null, "{\"status\":\"pondering\"}"));
        script.add(pending("1", null, "{\"status\":\"interacting\"}"));
        script.add(GRANTED);
        assertEquals(
                200,
                await(pending("1", null, "{\"status\":\"whatever\"}"), ClarificationHandler.CANCEL)
                        .status());
        assertEquals(3, sent.size());
    }

    @Test
    @DisplayName("\"410 --> gone — MUST NOT retry\": polling stops at once with invalid_code")
    void goneStopsPolling() {
        script.add(status(410, "{\"error\":\"invalid_code\"}"));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                await(
                                        pending("1", null, "{\"status\":\"pending\"}"),
                                        ClarificationHandler.CANCEL));
        assertEquals(AAuthError.INVALID_CODE, e.error());
        assertEquals(1, sent.size(), "one GET, no retry");
    }

    @Test
    @DisplayName("\"403 --> denied or abandoned — surface to user\"; \"408 --> expired\"")
    void terminalRefusalsAreSurfaced() {
        script.add(status(403, "{\"error\":\"denied\"}"));
        assertEquals(
                AAuthError.DENIED,
                assertThrows(
                                AAuthException.class,
                                () -> await(pending("1", null, "{}"), ClarificationHandler.CANCEL))
                        .error());
        script.add(status(403, "{\"error\":\"abandoned\"}"));
        assertEquals(
                AAuthError.ABANDONED,
                assertThrows(
                                AAuthException.class,
                                () -> await(pending("1", null, "{}"), ClarificationHandler.CANCEL))
                        .error());
        script.add(status(408, "{\"error\":\"expired\"}"));
        assertEquals(
                AAuthError.EXPIRED,
                assertThrows(
                                AAuthException.class,
                                () -> await(pending("1", null, "{}"), ClarificationHandler.CANCEL))
                        .error());
        script.add(status(500, "{\"error\":\"server_error\"}"));
        assertEquals(
                AAuthError.SERVER_ERROR,
                assertThrows(
                                AAuthException.class,
                                () -> await(pending("1", null, "{}"), ClarificationHandler.CANCEL))
                        .error());
    }

    @Test
    @DisplayName(
            "bounded: the agent gives up after the configured time, cancels the pending request, and says so")
    void givesUpAfterTheConfiguredTime() {
        for (int i = 0; i < 10; i++) {
            script.add(pending("5", null, "{\"status\":\"pending\"}"));
        }
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                poller(Duration.ofSeconds(12))
                                        .await(
                                                pending("5", null, "{\"status\":\"pending\"}"),
                                                TOKEN,
                                                call,
                                                interaction,
                                                ClarificationHandler.CANCEL));
        assertEquals(AAuthError.EXPIRED, e.error());
        assertTrue(e.detail().contains("gave up") && e.detail().contains("12 s"), e.detail());
        assertEquals(
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                sleeps,
                "no wait past the bound");
        assertEquals(
                "DELETE " + PENDING, sent.get(sent.size() - 1), "the pending request is withdrawn");
    }

    @Test
    @DisplayName(
            "interaction: the callback gets the URL and code once per code (\"{url}?code={code}\")")
    void interactionCallbackOncePerCode() {
        script.add(pending("1", INTERACTION, "{\"status\":\"pending\"}"));
        script.add(pending("1", INTERACTION, "{\"status\":\"interacting\"}"));
        script.add(GRANTED);
        await(pending("1", INTERACTION, "{\"status\":\"pending\"}"), ClarificationHandler.CANCEL);
        assertEquals(List.of("https://ps.example/interaction?code=ABCD-1234"), shown);
    }

    @Test
    @DisplayName(
            "clarification: the handler's answer is POSTed as clarification_response, then polling resumes with GET")
    void clarificationAnswerIsPosted() throws Exception {
        List<String> asked = new ArrayList<>();
        script.add(pending("0", null, "{\"status\":\"pending\"}")); // the answer to the POST
        script.add(GRANTED);
        await(
                pending(
                        "1",
                        "requirement=clarification",
                        "{\"status\":\"pending\",\"clarification\":\"Why 70 laptops?\",\"options\":[\"a\",\"b\"]}"),
                (q, options) -> {
                    asked.add(q + " " + options);
                    return "The optimisation recommended 70.";
                });
        assertEquals(List.of("Why 70 laptops? [a, b]"), asked);
        assertEquals(List.of("POST " + PENDING, "GET " + PENDING), sent);
        assertEquals(
                Map.of("clarification_response", "The optimisation recommended 70."),
                JsonUtil.parseJson(bodies.get(0)));
    }

    @Test
    @DisplayName(
            "clarification without an answer: the agent cancels (DELETE) and fails with abandoned")
    void clarificationWithoutAnswerCancels() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                await(
                                        pending(
                                                "1",
                                                "requirement=clarification",
                                                "{\"status\":\"pending\",\"clarification\":\"Why?\"}"),
                                        ClarificationHandler.CANCEL));
        assertEquals(AAuthError.ABANDONED, e.error());
        assertEquals(List.of("DELETE " + PENDING), sent);
    }

    @Test
    @DisplayName(
            "\"The Location URL MUST be on the same origin as the responding server\": another origin is refused, never polled")
    void locationOnAnotherOriginIsRefused() {
        AgentHttp.Response foreign =
                AgentHttp.Response.of(202, Map.of("Location", "https://evil.example/p/1"), "{}");
        assertThrows(AAuthException.class, () -> await(foreign, ClarificationHandler.CANCEL));
        assertTrue(sent.isEmpty());
    }
}
