package dev.aauth.jakarta.demo;

import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.demo.DemoIT.BACKEND;
import static dev.aauth.jakarta.demo.DemoIT.awaitFlow;
import static dev.aauth.jakarta.demo.DemoIT.json;
import static dev.aauth.jakarta.demo.DemoIT.steps;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed demo in draft -11 (issue 13: "a switch on {@code /demo}, the decoded -11 tokens shown"):
 * {@code ?draft=11} makes the backend agent speak -11 for that action, and supply-chain's agent
 * speak -11 to market-analysis on the -11 caller's behalf; the flow shows each token decoded.
 */
class Draft11DemoIT {

    static Person person;

    /**
     * The one place where the -11 backend agent is given a person (the IT server binds it to
     * nobody): -11 "Without upstream_token the PS issues for the person bound to the requesting
     * agent". If the Person Server asks the person before a first person token, seed that consent
     * here.
     */
    @BeforeAll
    static void personOfTheBackendAgent() {
        person = PersonOverHttp.newPerson("Dee Demo");
        ItStore.get().bindings.bind(BACKEND, person.id(), BoundBy.ADMIN);
    }

    @AfterAll
    static void unbind() {
        ItStore.get().consents.revokeAll(person.id(), BACKEND);
        ItStore.get().bindings.unbind(BACKEND, person.id());
    }

    static Map<String, Object> parsed(String body) throws Exception {
        return org.jose4j.json.JsonUtil.parseJson(body);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tokens(List<Map<String, Object>> steps, String kind) {
        return steps.stream()
                .filter(s -> "token".equals(s.get("kind")) && kind.equals(s.get("token")))
                .map(s -> (Map<String, Object>) s.get("claims"))
                .toList();
    }

    static Map<String, Object> one(List<Map<String, Object>> steps, String kind) {
        List<Map<String, Object>> t = tokens(steps, kind);
        assertEquals(1, t.size(), kind + " tokens: " + t);
        return t.get(0);
    }

    static List<String> requirements(List<Map<String, Object>> steps) {
        return steps.stream()
                .filter(s -> "exchange".equals(s.get("kind")) && "resource".equals(s.get("party")))
                .map(s -> DemoIT.headers(s, "responseHeaders").get("aauth-requirement"))
                .filter(h -> h != null)
                .map(h -> h.split(";")[0])
                .toList();
    }

    /**
     * The -11 tokens of one hop as decoded on the page: person token for {@code resource} from our
     * PS; resource token naming it ({@code ps}, {@code sub}, {@code presented_jti}, no {@code
     * agent}); auth token for the same person with no {@code agent} and no {@code act}. Returns the
     * person's pairwise {@code sub}.
     */
    static String draft11Tokens(List<Map<String, Object>> steps, String resource, String scope) {
        assertEquals(
                List.of("requirement=person-token", "requirement=auth-token"), requirements(steps));
        Map<String, Object> pt = one(steps, "person");
        assertEquals(PERSON, pt.get("iss"));
        assertEquals(resource, pt.get("aud"));
        String sub = (String) pt.get("sub");
        assertNotNull(sub);
        assertNotNull(pt.get("cnf"));

        Map<String, Object> rt = one(steps, "resource");
        assertEquals(resource, rt.get("iss"));
        assertEquals(PERSON, rt.get("aud"));
        assertEquals(PERSON, rt.get("ps"));
        assertEquals(sub, rt.get("sub"));
        assertEquals(pt.get("jti"), rt.get("presented_jti"));
        assertNotNull(rt.get("agent_jkt"));
        assertFalse(rt.containsKey("agent"), "-11: no agent identifier in a resource token");
        assertEquals(scope, rt.get("scope"));

        Map<String, Object> at = one(steps, "auth");
        assertEquals(PERSON, at.get("iss"));
        assertEquals(resource, at.get("aud"));
        assertEquals(PERSON, at.get("ps"));
        assertEquals(sub, at.get("sub"));
        assertEquals(scope, at.get("scope"));
        assertFalse(at.containsKey("agent"), "-11: no agent identifier in an auth token");
        assertFalse(at.containsKey("act"), "-11: no delegation chain in an auth token");
        return sub;
    }

    @Test
    @DisplayName(
            "issue 13, /demo with draft -11: Optimize: 401 person-token -> person token -> 401 auth-token -> -11 resource token (ps, sub, presented_jti) -> auth token -> 200, each decoded on the page; supply-chain's agent chains to market-analysis in -11 (person token and auth token with upstream_token, routed by its ps) and the plan shows the outlook")
    @SuppressWarnings("unchecked")
    void optimizeInDraft11ShowsTheDecodedTokens() throws Exception {
        HttpResponse<String> r = post(PERSON + "/demo/api/optimize?fresh=true&draft=11").send();
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> flow = json(r);
        assertEquals("done", flow.get("state"), String.valueOf(flow.get("error")));
        assertEquals("draft-11", flow.get("draft"));
        String sub = draft11Tokens(steps(flow), SUPPLY, "supply-chain:check supply-chain:read");

        Map<String, Object> plan = (Map<String, Object>) flow.get("result");
        assertEquals(sub, plan.get("onBehalfOf"));
        assertTrue(
                ((String) plan.get("requestedBy")).startsWith("urn:jkt:sha-256:"), plan.toString());
        // supply-chain's own hop speaks -11 too (its caller's draft, never mixed): -11 call
        // chaining. "The intermediary first obtains a person token for the downstream resource,
        // presenting the upstream auth token as upstream_token ... then ... sends it to the person
        // server named by ps, along with its own agent token and the upstream auth token"
        List<Map<String, Object>> chain = (List<Map<String, Object>>) plan.get("callChainSteps");
        String downstreamSub = draft11Tokens(chain, MARKET, "market-analysis:read");
        List<Map<String, Object>> toPs =
                chain.stream()
                        .filter(
                                s ->
                                        "exchange".equals(s.get("kind"))
                                                && "person-server".equals(s.get("party")))
                        .toList();
        assertEquals(
                List.of(PERSON + "/aauth/person-token", PERSON + "/aauth/auth-token"),
                toPs.stream().map(s -> s.get("url")).toList(),
                "routed to the upstream auth token's ps");
        String upstream = null;
        for (Map<String, Object> request : toPs) {
            assertEquals(200, ((Number) request.get("status")).intValue(), request.toString());
            Map<String, Object> sent = parsed((String) request.get("requestBody"));
            assertNotNull(sent.get("upstream_token"), "upstream_token in " + sent);
            upstream = upstream == null ? (String) sent.get("upstream_token") : upstream;
            assertEquals(upstream, sent.get("upstream_token"), "the same upstream token twice");
        }
        // "An issuer MUST NOT copy a directed sub from an upstream token": pairwise per resource
        assertFalse(sub.equals(downstreamSub), "the person's market sub is not their supply sub");

        Map<String, Object> outlook = (Map<String, Object>) plan.get("marketOutlook");
        assertNotNull(outlook, "supply-chain reached market-analysis: " + plan);
        assertNull(plan.get("marketOutlookUnavailable"));
        assertEquals("laptops", outlook.get("category"));
        assertEquals(downstreamSub, outlook.get("onBehalfOf"));
        assertTrue(
                ((String) outlook.get("requestedBy")).startsWith("urn:jkt:sha-256:"),
                "-11: the intermediary is its key: " + outlook);
        assertEquals(List.of(), outlook.get("actorChain"), "-11: there is no act chain");
    }

    @Test
    @DisplayName(
            "issue 13: /demo without a draft, or with draft=01, stays -01 (resource token with agent, auth token with act); an unknown draft is 400")
    void draft01StaysTheDefault() throws Exception {
        for (String q : List.of("?fresh=true", "?fresh=true&draft=01")) {
            HttpResponse<String> r = post(PERSON + "/demo/api/optimize" + q).send();
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> flow = json(r);
            assertEquals("done", flow.get("state"), String.valueOf(flow.get("error")));
            assertEquals("draft-01", flow.get("draft"));
            assertEquals(List.of("requirement=auth-token"), requirements(steps(flow)));
            assertTrue(tokens(steps(flow), "person").isEmpty());
            assertEquals(BACKEND, one(steps(flow), "resource").get("agent"));
        }
        assertEquals(400, post(PERSON + "/demo/api/optimize?draft=7").send().statusCode());
    }

    @Test
    @DisplayName(
            "issue 13: the demo page has the draft selector (-01 selected, -11) and sends it with each action")
    void pageHasTheDraftSelector() {
        String html = dev.aauth.jakarta.ItRequests.get(PERSON + "/demo").send().body();
        assertTrue(html.contains("<select id=\"draft\">"), html);
        assertTrue(html.contains("<option value=\"01\" selected>"), html);
        assertTrue(html.contains("<option value=\"11\">"), html);
        String js = dev.aauth.jakarta.ItRequests.get(PERSON + "/demo/demo.js").send().body();
        assertTrue(js.contains("params.set('draft', $('draft').value)"), js);
    }

    @Test
    @DisplayName(
            "issue 13, /demo with draft -11: Place orders: the -11 auth token request answers 202, the person approves over HTTP, the order is placed (201) with the decoded -11 tokens shown")
    @SuppressWarnings("unchecked")
    void ordersInDraft11WithConsent() throws Exception {
        HttpResponse<String> r = post(PERSON + "/demo/api/orders?fresh=true&draft=11").send();
        assertEquals(202, r.statusCode(), r.body());
        String id = (String) json(r).get("id");
        Map<String, Object> waiting =
                awaitFlow(
                        id,
                        f -> "waiting".equals(f.get("state")) || "failed".equals(f.get("state")),
                        Duration.ofSeconds(30));
        assertEquals("waiting", waiting.get("state"), String.valueOf(waiting.get("error")));
        String code = (String) ((Map<String, Object>) waiting.get("interaction")).get("code");

        HttpClient browser = PersonOverHttp.signedIn(person);
        String page = PersonOverHttp.open(browser, code);
        HttpResponse<String> decided = PersonOverHttp.consentForm(browser, page).post("approve");
        assertTrue(decided.statusCode() < 400, "approve: " + decided.body());

        Map<String, Object> flow =
                awaitFlow(id, f -> !"waiting".equals(f.get("state")), Duration.ofSeconds(60));
        assertEquals("done", flow.get("state"), String.valueOf(flow.get("error")));
        assertEquals("draft-11", flow.get("draft"));
        String sub = draft11Tokens(steps(flow), SUPPLY, "supply-chain:optimize");
        Map<String, Object> order = (Map<String, Object>) flow.get("result");
        assertEquals("placed", order.get("status"));
        assertEquals(sub, order.get("onBehalfOf"));
    }
}
