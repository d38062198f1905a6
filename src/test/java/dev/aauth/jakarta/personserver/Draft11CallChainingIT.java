package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentHttp;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.ItAgent;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 call chaining over real HTTP against the IT server ("Call chaining routes by the auth
 * token's ps; there is no act chain"). The upstream: the demo's backend agent, -11, bound to a new
 * person, gets an auth token for supply-chain. The intermediary: supply-chain's agent ({@code
 * aauth:supply-chain@<person origin>}, configured as the supply-chain resource in {@code
 * aauth.person-server.agent-resources}), enrolled at the real Agent Provider for a -11 agent token
 * with its own key, driven by the core agent runtime ({@link ItAgent}) against market-analysis.
 */
class Draft11CallChainingIT {

    static final String HOST = PERSON.substring("http://".length());
    static final String BACKEND = "aauth:backend@" + HOST;

    static Person person;

    final TokenVerifier v11 = TokenRequests.verifier(AAuthProfile.DRAFT_11);

    /**
     * The one place where the -11 backend agent is given a person: -11 "Without upstream_token the
     * PS issues for the person bound to the requesting agent".
     */
    @BeforeAll
    static void personOfTheBackendAgent() {
        person = PersonOverHttp.newPerson("Cai Chain");
        ItStore.get().bindings.bind(BACKEND, person.id(), BoundBy.ADMIN);
    }

    @AfterAll
    static void unbind() {
        ItStore.get().consents.revokeAll(person.id(), BACKEND);
        ItStore.get().bindings.unbind(BACKEND, person.id());
    }

    /** The -11 auth token the backend agent got for supply-chain: the upstream token. */
    static String upstream() throws Exception {
        ItAgent backend = new ItAgent(EnrolledAgent.enrollDraft11("backend"));
        AgentHttp.Response r =
                backend.call("GET", SUPPLY + "/api/inventory", null, AgentCall.DEFAULT);
        assertEquals(200, r.status(), r.body());
        return backend.last("auth");
    }

    /** A signed POST to the -11 person token endpoint as {@code agent}, with {@code upstream}. */
    static HttpResponse<String> personTokenRequest(EnrolledAgent agent, String upstream) {
        return post(PERSON + "/aauth/person-token")
                .body(JsonUtil.toJson(Map.of("resource", MARKET, "upstream_token", upstream)))
                .sign(agent.key(), agent.jwt())
                .send();
    }

    /** -11 problem details: {@code 400 invalid_request} with a detail naming the upstream_token. */
    static String refusedUpstream(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        assertEquals("invalid_request", json.get("error"), r.body());
        String detail = (String) json.get("detail");
        assertTrue(detail.startsWith("upstream_token: "), detail);
        return detail;
    }

    @Test
    @DisplayName(
            "-11 Call Chaining: supply-chain's agent gets a person token and an auth token for"
                    + " market-analysis with upstream_token from the PS named by its ps, and"
                    + " market-analysis answers 200: the person's pairwise sub there, no act")
    void chainThroughMarketAnalysis() throws Exception {
        String upstream = upstream();
        Draft11AuthToken up = v11.verifyDraft11AuthToken(upstream, SUPPLY);
        assertEquals(PERSON, up.ps());

        ItAgent supply = new ItAgent(EnrolledAgent.enrollDraft11("supply-chain"));
        AgentHttp.Response r =
                supply.call(
                        "GET",
                        MARKET + "/api/market/laptops",
                        null,
                        AgentCall.DEFAULT.onBehalfOf(upstream));
        assertEquals(200, r.status(), r.body());
        assertEquals(
                List.of("person", "resource", "auth"),
                supply.seen().stream().map(ItAgent.Seen::kind).toList());

        PersonToken pt = v11.verifyPersonToken(supply.last("person"), MARKET);
        assertEquals(PERSON, pt.issuer());
        // "An issuer MUST NOT copy a directed sub from an upstream token into a token it issues"
        assertNotEquals(up.subject(), pt.subject());
        Draft11AuthToken at = v11.verifyDraft11AuthToken(supply.last("auth"), MARKET);
        assertEquals(PERSON, at.ps());
        assertEquals(pt.subject(), at.subject());
        assertEquals(List.of("market-analysis:read"), at.scope());
        assertEquals(supply.credentials().key().publicJwk().thumbprint(), at.cnf().thumbprint());
        assertFalse(at.claims().containsKey("act"), "-11: there is no act chain");
        assertFalse(at.claims().containsKey("agent"));

        Map<String, Object> outlook = JsonUtil.parseJson(r.body());
        assertEquals(pt.subject(), outlook.get("onBehalfOf"));
        assertEquals(
                supply.credentials().key().publicJwk().thumbprintUri(), outlook.get("requestedBy"));
        assertEquals(List.of(), outlook.get("actorChain"));
    }

    @Test
    @DisplayName(
            "-11 invalid_request (400): Verify the aud in the upstream token equals the iss of the"
                    + " intermediary's agent token: the backend agent (not supply-chain) may not"
                    + " extend it")
    void upstreamOfAnotherAudience() throws Exception {
        String upstream = upstream();
        String detail =
                refusedUpstream(
                        personTokenRequest(EnrolledAgent.enrollDraft11("backend"), upstream));
        assertTrue(detail.contains("aud is not the requesting agent"), detail);
    }

    @Test
    @DisplayName(
            "-11 invalid_request (400): a draft-01 auth token as upstream_token at the -11 person"
                    + " token endpoint is refused naming both drafts")
    void draft01UpstreamRefused() throws Exception {
        ItAgent backend01 = new ItAgent(EnrolledAgent.enroll("backend"));
        assertEquals(AAuthProfile.DRAFT_01, backend01.profile());
        AgentHttp.Response r =
                backend01.call("GET", SUPPLY + "/api/inventory", null, AgentCall.DEFAULT);
        assertEquals(200, r.status(), r.body());
        String detail =
                refusedUpstream(
                        personTokenRequest(
                                EnrolledAgent.enrollDraft11("supply-chain"),
                                backend01.last("auth")));
        assertTrue(detail.contains("draft-01") && detail.contains("draft-11"), detail);
    }

    @Test
    @DisplayName(
            "-11 invalid_request (400): Perform Auth Token Verification on the upstream token: a"
                    + " forged signature is refused")
    void forgedUpstreamRefused() throws Exception {
        String upstream = upstream();
        String forged =
                upstream.substring(0, upstream.lastIndexOf('.') + 1)
                        + dev.aauth.jose.Base64Url.encode(new byte[64]);
        refusedUpstream(personTokenRequest(EnrolledAgent.enrollDraft11("supply-chain"), forged));
    }
}
