package dev.aauth.jakarta.demo;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed demo end to end on the real three origins of the aauth-it server: the demo page's
 * actions over HTTP, run by the backend agent (person origin) through MicroProfile REST Client,
 * with the supply-chain resource calling market-analysis as an agent of its own.
 */
class DemoIT {

    static final String HOST = PERSON.substring("http://".length());
    static final String BACKEND = "aauth:backend@" + HOST;
    static final String SUPPLY_AGENT = "aauth:supply-chain@" + HOST;

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> r) throws Exception {
        return JsonUtil.parseJson(r.body());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> flow) {
        return (List<Map<String, Object>>) flow.get("steps");
    }

    static List<Map<String, Object>> exchanges(Map<String, Object> flow) {
        return steps(flow).stream().filter(s -> "exchange".equals(s.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(Map<String, Object> flow, String token) {
        return steps(flow).stream()
                .filter(s -> "token".equals(s.get("kind")) && token.equals(s.get("token")))
                .map(s -> (Map<String, Object>) s.get("claims"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + token + " token step"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> headers(Map<String, Object> step, String which) {
        return (Map<String, String>) step.get(which);
    }

    static Map<String, Object> optimize() throws Exception {
        return optimize(false);
    }

    /**
     * The demo action; {@code fresh}: the backend forgets its cached auth tokens first (the page's
     * default).
     */
    static Map<String, Object> optimize(boolean fresh) throws Exception {
        HttpResponse<String> r =
                post(PERSON + "/demo/api/optimize" + (fresh ? "?fresh=true" : "")).send();
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> flow = json(r);
        assertEquals("done", flow.get("state"), String.valueOf(flow.get("error")));
        return flow;
    }

    /** Polls the flow until {@code done} holds, at most {@code within}. */
    static Map<String, Object> awaitFlow(
            String id, Predicate<Map<String, Object>> done, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        Map<String, Object> flow;
        do {
            HttpResponse<String> r = get(PERSON + "/demo/api/flows/" + id).send();
            assertEquals(200, r.statusCode(), r.body());
            flow = json(r);
            if (done.test(flow)) {
                return flow;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        fail("flow " + id + " did not get there within " + within + ": " + flow);
        return flow;
    }

    @Test
    @DisplayName(
            "seed 000, Optimize Laptop Supply Chain: 401 with resource token -> exchange at the PS -> retry -> 200, each step shown")
    @SuppressWarnings("unchecked")
    void autonomousFlowShowsEachStep() throws Exception {
        Map<String, Object> flow = optimize(true);
        List<Map<String, Object>> ex = exchanges(flow);
        Map<String, Object> first =
                ex.stream()
                        .filter(s -> "resource".equals(s.get("party")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("POST", first.get("method"));
        assertEquals(SUPPLY + "/api/optimize", first.get("url"));
        Map<String, String> sent = headers(first, "requestHeaders");
        String input = sent.get("signature-input");
        for (String c :
                List.of(
                        "\"@method\"",
                        "\"@authority\"",
                        "\"@path\"",
                        "\"signature-key\"",
                        "\"content-type\"",
                        "\"content-digest\"")) {
            assertTrue(input.contains(c), "covers " + c + ": " + input);
        }
        assertTrue(sent.get("content-digest").startsWith("sha-256=:"), sent.toString());

        assertEquals(401, ((Number) first.get("status")).intValue());
        {
            assertTrue(
                    headers(first, "responseHeaders")
                            .get("aauth-requirement")
                            .startsWith("requirement=auth-token"));
            assertTrue(sent.get("signature-key").contains("jwt="), "agent token in Signature-Key");
            Map<String, Object> rt = claims(flow, "resource");
            assertEquals(SUPPLY, rt.get("iss"));
            assertEquals(PERSON, rt.get("aud"));
            assertEquals(BACKEND, rt.get("agent"));
            assertEquals("supply-chain:check supply-chain:read", rt.get("scope"));
            Map<String, Object> exchange =
                    ex.stream()
                            .filter(s -> "person-server".equals(s.get("party")))
                            .findFirst()
                            .orElseThrow();
            assertEquals(PERSON + "/aauth/token", exchange.get("url"));
            assertEquals(200, ((Number) exchange.get("status")).intValue());
            Map<String, Object> at = claims(flow, "auth");
            assertEquals(PERSON, at.get("iss"));
            assertEquals(SUPPLY, at.get("aud"));
            assertEquals(BACKEND, at.get("agent"));
            assertEquals(BACKEND, ((Map<String, Object>) at.get("act")).get("sub"));
            assertNotNull(((Map<String, Object>) at.get("cnf")).get("jwk"));
        }
        Map<String, Object> last = ex.get(ex.size() - 1);
        assertEquals(SUPPLY + "/api/optimize", last.get("url"));
        assertEquals(200, ((Number) last.get("status")).intValue());
        Map<String, Object> result = (Map<String, Object>) flow.get("result");
        assertEquals(BACKEND, result.get("requestedBy"));
        assertFalse(((List<?>) result.get("recommendations")).isEmpty());
        assertTrue(((Number) flow.get("totalMillis")).longValue() >= 0);
    }

    @Test
    @DisplayName(
            "the first optimize is challenged; the next one presents the cached auth token and is not")
    void authTokenIsCachedPerResourceAndScope() throws Exception {
        optimize();
        Map<String, Object> again = optimize();
        List<Map<String, Object>> ex = exchanges(again);
        assertEquals(1, ex.size(), "one request, no challenge, no exchange: " + ex);
        assertEquals(200, ((Number) ex.get(0).get("status")).intValue());
        assertTrue(headers(ex.get(0), "requestHeaders").get("signature-key").contains("jwt="));
    }

    @Test
    @DisplayName(
            "call chaining: market-analysis sees the nested act (supply-chain acting for backend) and answers supply-chain")
    @SuppressWarnings("unchecked")
    void callChainingNestedActVisibleAtMarketAnalysis() throws Exception {
        Map<String, Object> result = (Map<String, Object>) optimize(true).get("result");
        Map<String, Object> outlook = (Map<String, Object>) result.get("marketOutlook");
        Map<String, Object> chain = Map.of("steps", result.get("callChainSteps"));
        Map<String, Object> challenged = exchanges(chain).get(0);
        assertEquals(MARKET + "/api/market/laptops", challenged.get("url"));
        assertEquals(
                401,
                ((Number) challenged.get("status")).intValue(),
                "a new upstream token: supply-chain is challenged anew");
        Map<String, Object> exchange =
                exchanges(chain).stream()
                        .filter(s -> "person-server".equals(s.get("party")))
                        .findFirst()
                        .orElseThrow();
        Map<String, Object> sentBody = JsonUtil.parseJson((String) exchange.get("requestBody"));
        assertNotNull(
                sentBody.get("upstream_token"),
                "the caller's auth token goes to the PS as upstream_token");
        Map<String, Object> downstream = claims(chain, "auth");
        assertEquals(MARKET, downstream.get("aud"));
        assertEquals(
                Map.of("sub", SUPPLY_AGENT, "act", Map.of("sub", BACKEND)), downstream.get("act"));
        assertNotNull(outlook, "supply-chain called market-analysis: " + result);
        assertEquals(SUPPLY_AGENT, outlook.get("requestedBy"));
        assertEquals(List.of(SUPPLY_AGENT, BACKEND), outlook.get("actorChain"));
        assertEquals("laptops", outlook.get("category"));
    }

    @Test
    @DisplayName(
            "seed 004, Place orders: supply-chain:optimize is always asked: 202, interaction URL and code, QR code; polling")
    @SuppressWarnings("unchecked")
    void placeOrdersWaitsForThePerson() throws Exception {
        HttpResponse<String> r = post(PERSON + "/demo/api/orders").send();
        assertEquals(202, r.statusCode(), r.body());
        String id = (String) json(r).get("id");
        Map<String, Object> flow =
                awaitFlow(
                        id,
                        f -> f.get("interaction") != null || !"running".equals(f.get("state")),
                        Duration.ofSeconds(30));
        assertEquals("waiting", flow.get("state"), String.valueOf(flow.get("error")));
        Map<String, Object> interaction = (Map<String, Object>) flow.get("interaction");
        assertEquals(PERSON + "/interaction", interaction.get("url"));
        assertTrue(
                ((String) interaction.get("code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}"),
                interaction.toString());
        assertEquals(
                PERSON
                        + "/interaction?code="
                        + interaction.get("code")
                        + "&callback="
                        + java.net.URLEncoder.encode(
                                PERSON + "/demo?flow=" + id,
                                java.nio.charset.StandardCharsets.UTF_8),
                interaction.get("userUrl"),
                "\"{url}?code={code}&callback={callback_url}\", the callback built from the demo Agent Provider's callback_endpoint");
        Map<String, Object> deferred =
                exchanges(flow).stream()
                        .filter(
                                s ->
                                        "person-server".equals(s.get("party"))
                                                && ((Number) s.get("status")).intValue() == 202)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no 202 from the PS"));
        assertTrue(
                headers(deferred, "responseHeaders")
                        .get("aauth-requirement")
                        .startsWith("requirement=interaction"));
        assertTrue(
                headers(deferred, "responseHeaders")
                        .get("location")
                        .startsWith(PERSON + "/aauth/pending/"));
        assertTrue(
                String.valueOf(deferred.get("requestBody"))
                        .contains("\"justification\":\"Keep the **laptop supply** on target"),
                "the backend agent says why it asks (seed 004's consent screen): "
                        + deferred.get("requestBody"));

        HttpResponse<String> qr = get(PERSON + interaction.get("qr")).send();
        assertEquals(200, qr.statusCode());
        assertTrue(qr.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        assertTrue(qr.body().startsWith("<svg") && qr.body().contains("<path d=\"M"), qr.body());
        assertEquals(404, get(PERSON + "/demo/api/flows/unknown/qr.svg").send().statusCode());
    }

    @Test
    @DisplayName(
            "the demo page: served on the person origin only, files only (no inline script or style), strict CSP")
    void demoPageHasNoInlineScriptOrStyle() {
        HttpResponse<String> page = get(PERSON + "/demo").send();
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        String html = page.body();
        assertTrue(html.contains("<script src=\"/demo/demo.js\""));
        assertFalse(
                html.matches("(?s).*<script>.*")
                        || html.contains(" style=")
                        || html.contains("<style")
                        || html.contains("onclick"),
                "inline script or style");
        assertEquals(200, get(PERSON + "/demo/demo.js").send().statusCode());
        assertEquals(200, get(PERSON + "/demo/demo.css").send().statusCode());
        assertEquals(
                404,
                get(SUPPLY + "/demo").send().statusCode(),
                "the demo page exists only on the person origin");
        assertEquals(404, post(MARKET + "/demo/api/optimize").send().statusCode());
        assertTrue(
                Objects.requireNonNull(get(SUPPLY + "/demo/api/flows/x").send()).statusCode()
                        == 404);
    }

    @Test
    @DisplayName(
            "MicroProfile Health: readiness and liveness per role; both agents (backend in-process, supply-chain enrolled) ready")
    @SuppressWarnings("unchecked")
    void healthPerRole() throws Exception {
        HttpResponse<String> ready = get(PERSON + "/health/ready").send();
        assertEquals(200, ready.statusCode(), ready.body());
        List<Map<String, Object>> checks = (List<Map<String, Object>>) json(ready).get("checks");
        for (String name :
                List.of(
                        "aauth-agent",
                        "aauth-agent-provider",
                        "aauth-person-server",
                        "aauth-resource")) {
            assertTrue(
                    checks.stream().anyMatch(c -> name.equals(c.get("name"))),
                    name + " in " + checks);
        }
        List<Object> agents =
                checks.stream()
                        .filter(c -> "aauth-agent".equals(c.get("name")))
                        .map(c -> ((Map<String, Object>) c.get("data")).get("agent"))
                        .filter(Objects::nonNull)
                        .toList();
        assertTrue(agents.containsAll(List.of(BACKEND, SUPPLY_AGENT)), agents.toString());
        assertTrue(checks.stream().allMatch(c -> "UP".equals(c.get("status"))), checks.toString());
        HttpResponse<String> live = get(PERSON + "/health/live").send();
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(
                ((List<Map<String, Object>>) json(live).get("checks"))
                        .stream()
                                .anyMatch(
                                        c ->
                                                "aauth-agent".equals(c.get("name"))
                                                        && "UP".equals(c.get("status"))));
    }
}
