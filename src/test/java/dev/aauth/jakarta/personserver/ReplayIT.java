package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.Origins.TOKEN;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 over real HTTP: replays inside the signature window and unsigned bodies, at the Person
 * Server (replay cache in the database) and at a resource (in memory).
 *
 * <p>Draft -11 "Freshness and Replay": "For state-changing requests where this matters, a verifier
 * MAY maintain a short-lived cache keyed by (signing-key-thumbprint, created, @method, @authority,
 *
 * @path) for the duration of the window, rejecting duplicate tuples." Signature-Key draft: "Any
 *     failure MUST result in a 401 response with the appropriate Signature-Error header";
 *     "invalid_input: The Signature-Input is missing required covered components. required_input
 *     ... The response SHOULD include this member."
 */
class ReplayIT {

    static final StandInIssuers ISSUERS = StandInIssuers.get();

    static SignatureError assertSignatureError(HttpResponse<String> r, String code) {
        assertEquals(401, r.statusCode(), r.body());
        String h = r.headers().firstValue(SignatureError.NAME).orElse(null);
        assertNotNull(h, "no Signature-Error: " + r.body());
        SignatureError e = SignatureError.parse(h);
        assertEquals(code, e.error(), r.body());
        return e;
    }

    static ItRequests.Req tokenRequest(EnrolledAgent agent) {
        String rt =
                TokenRequests.challenge(
                        get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()).send());
        return post(TOKEN)
                .body(JsonUtil.toJson(Map.of("resource_token", rt)))
                .sign(agent.key(), agent.jwt());
    }

    @Test
    @DisplayName(
            "Person Server: a token request replayed inside the window is refused, 401 invalid_signature")
    void replayedTokenRequestIsRefused() throws Exception {
        ItRequests.Req request = tokenRequest(enroll("backend"));
        granted(request.send());
        SignatureError e = assertSignatureError(request.send(), "invalid_signature");
        assertNotNull(e);
    }

    @Test
    @DisplayName(
            "Person Server: a token request whose signature does not cover the body is refused with invalid_input naming content-type and content-digest")
    void unsignedBodyAtTokenEndpointIsInvalidInput() throws Exception {
        EnrolledAgent agent = enroll("backend");
        String rt =
                TokenRequests.challenge(
                        get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()).send());
        HttpResponse<String> r =
                post(TOKEN)
                        .body(JsonUtil.toJson(Map.of("resource_token", rt)))
                        .unsignedBody()
                        .sign(agent.key(), agent.jwt())
                        .send();
        SignatureError e = assertSignatureError(r, "invalid_input");
        assertTrue(e.requiredInput().contains("content-digest"), e.requiredInput().toString());
        assertTrue(e.requiredInput().contains("content-type"), e.requiredInput().toString());
    }

    @Test
    @DisplayName(
            "Person Server: a body swapped under a signed Content-Digest is refused, invalid_signature")
    void swappedBodyAtTokenEndpointIsRefused() throws Exception {
        ItRequests.Req request = tokenRequest(enroll("backend"));
        request.body = JsonUtil.toJson(Map.of("resource_token", "swapped"));
        assertSignatureError(request.send(), "invalid_signature");
    }

    @Test
    @DisplayName(
            "Person Server: a revocation whose signature does not cover the body is refused with invalid_input")
    void unsignedBodyAtRevocationIsInvalidInput() throws Exception {
        PersonRevocationIT.Granted g = PersonRevocationIT.directGrant("backend");
        HttpResponse<String> r =
                post(PersonRevocationIT.REVOCATION)
                        .body(JsonUtil.toJson(Map.of("jti", g.jti())))
                        .unsignedBody()
                        .sign(g.agent().key(), g.agent().jwt())
                        .send();
        assertSignatureError(r, "invalid_input");
    }

    @Test
    @DisplayName(
            "Resource: an order POST replayed inside the window is refused; the order is placed once")
    void replayedOrderIsRefused() throws Exception {
        StandInIssuers.Agent agent = ISSUERS.agent("backend");
        SignatureKey auth =
                new SignatureKey.Jwt(
                        ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:optimize")));
        ItRequests.Req order =
                post(SUPPLY + "/api/orders")
                        .body("{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                        .sign(agent.key(), auth);
        HttpResponse<String> first = order.send();
        assertEquals(201, first.statusCode(), first.body());
        assertSignatureError(order.send(), "invalid_signature");
        // the same order signed again is a new request
        ItRequests.Req again =
                post(SUPPLY + "/api/orders")
                        .body("{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                        .sign(agent.key(), auth);
        assertEquals(201, again.send().statusCode());
    }

    @Test
    @DisplayName(
            "Resource: two identical signed GETs in the same second both pass (GET is not replay-checked)")
    void identicalGetsPass() {
        StandInIssuers.Agent agent = ISSUERS.agent("backend");
        SignatureKey auth =
                new SignatureKey.Jwt(
                        ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:read")));
        ItRequests.Req read = get(SUPPLY + "/api/inventory").sign(agent.key(), auth);
        assertEquals(200, read.send().statusCode());
        assertEquals(200, read.send().statusCode());
    }

    @Test
    @DisplayName(
            "Resource: a POST with a body its signature does not cover is refused with invalid_input naming content-digest")
    void unsignedBodyAtResourceIsInvalidInput() {
        StandInIssuers.Agent agent = ISSUERS.agent("backend");
        SignatureKey auth =
                new SignatureKey.Jwt(
                        ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:optimize")));
        HttpResponse<String> r =
                post(SUPPLY + "/api/orders")
                        .body("{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                        .unsignedBody()
                        .sign(agent.key(), auth)
                        .send();
        SignatureError e = assertSignatureError(r, "invalid_input");
        assertTrue(e.requiredInput().contains("content-digest"), e.requiredInput().toString());
    }

    @Test
    @DisplayName(
            "Two instances (-Ppostgres): a token request accepted by instance one and replayed to instance two is refused (issue 12, scenario 9)")
    void replayToTheOtherInstanceIsRefused() throws Exception {
        PostgresIt.assumePostgres();
        String person2 = PostgresIt.secondInstance("person");
        ItRequests.Req request = tokenRequest(enroll("backend"));
        granted(request.send());
        assertSignatureError(
                PostgresIt.sendToSecond(request, PERSON, person2), "invalid_signature");
    }

    @Test
    @DisplayName(
            "Person Server: an agent with 100 open pending requests gets 429 slow_down with Retry-After for the next")
    void pendingRequestsCappedPerAgent() throws Exception {
        StandInIssuers.AgentProvider ap = StandInIssuers.agentProvider(Map.of());
        StandInIssuers.Agent agent = ap.agent("pending-flood", PERSON);
        SignatureKey jwt = new SignatureKey.Jwt(agent.agentToken());
        // supply-chain:optimize is always asked: every token request is deferred (202)
        String rt =
                TokenRequests.challenge(
                        post(SUPPLY + "/api/orders")
                                .body("{\"sku\":\"x\"}")
                                .sign(agent.key(), jwt)
                                .send());
        String json = JsonUtil.toJson(Map.of("resource_token", rt));
        // the default cap is 100 (aauth.person-server.max-pending-per-agent)
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = post(TOKEN).body(json).sign(agent.key(), jwt).send();
            assertEquals(202, r.statusCode(), "request " + i + ": " + r.body());
        }
        HttpResponse<String> over = post(TOKEN).body(json).sign(agent.key(), jwt).send();
        assertEquals(429, over.statusCode(), over.body());
        assertEquals("slow_down", JsonUtil.parseJson(over.body()).get("error"));
        assertTrue(
                over.headers().firstValue("Retry-After").isPresent(),
                over.headers().map().toString());
    }
}
