package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.TokenRequests.alwaysAskChallenge;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.interactionCode;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pending URL over real HTTP answers errors in the draft of its flow (issue 13): a request
 * deferred at the -11 {@code auth_token_endpoint} is told -11 "Polling Error Codes" as RFC 9457
 * problem details ("Error response bodies use the HTTP problem details format ([RFC9457]) with
 * Content-Type: application/problem+json"); one deferred at the -01 {@code token_endpoint} is told
 * {@code {"error", "error_description"}} as before. Expiry is reached through the store's own
 * expiry with a clock moved past the lifetime ({@link ItStore#expireAsIf}); the only wait is the
 * {@code Retry-After} the agent "MUST respect" before its first poll.
 */
class Draft11PendingIT {

    static final String AUTH_TOKEN = PERSON + "/aauth/auth-token";
    static final String SCOPE = "standin11:read";
    static final Duration PAST_LIFETIME = Duration.ofMinutes(11);

    static Draft11StandIn ap;
    static Draft11StandIn rs;

    @BeforeAll
    static void standIns() {
        ap = Draft11StandIn.serve(Dwk.AGENT, Map.of());
        rs =
                Draft11StandIn.serve(
                        Dwk.RESOURCE, Map.of("scope_descriptions", Map.of(SCOPE, "Read")));
    }

    final TokenVerifier tokens11 =
            dev.aauth.jakarta.it.TokenRequests.verifier(AAuthProfile.DRAFT_11);

    /** A deferred request and who polls it. */
    record Flow(String location, String code, dev.aauth.jose.SigningKey key, SignatureKey jwt) {
        HttpResponse<String> send(String method) {
            return new ItRequests.Req(method, location).sign(key, jwt).send();
        }
    }

    /** A -11 flow: a new agent bound to a new person, deferred at the auth_token_endpoint. */
    Flow flow11() throws Exception {
        Draft11StandIn.Agent agent =
                ap.agent("it11p-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Person person = ItStore.get().newPerson("Pia Pending", "pia11@example.test");
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);
        ItStore.get().personTokenConsent(person.id(), agent.id(), rs.issuer);
        SignatureKey jwt = new SignatureKey.Jwt(agent.agentToken());
        HttpResponse<String> pr =
                post(PERSON + "/aauth/person-token")
                        .body(JsonUtil.toJson(Map.of("resource", rs.issuer)))
                        .sign(agent.key(), jwt)
                        .send();
        assertEquals(200, pr.statusCode(), pr.body());
        PersonToken pt =
                tokens11.verifyPersonToken(
                        (String) JsonUtil.parseJson(pr.body()).get("person_token"), rs.issuer);
        String rt =
                rs.tokens
                        .resourceToken(
                                PERSON,
                                PersonContext.of(pt),
                                agent.key().publicJwk().thumbprint(),
                                List.of(SCOPE),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        HttpResponse<String> r =
                post(AUTH_TOKEN)
                        .body(JsonUtil.toJson(Map.of("resource_token", rt)))
                        .sign(agent.key(), jwt)
                        .send();
        return new Flow(pending(r), interactionCode(r), agent.key(), jwt);
    }

    /** A -01 flow: the demo backend, deferred at the token_endpoint. */
    static Flow flow01() throws Exception {
        EnrolledAgent backend = enroll("backend");
        HttpResponse<String> r = tokenRequest(backend, alwaysAskChallenge(backend));
        return new Flow(pending(r), interactionCode(r), backend.key(), backend.jwt());
    }

    static void deny(Flow f) {
        Person decider = ItStore.get().decider(f.location(), "Dan Denier", "dan@example.test");
        assertTrue(ItStore.get().redeem(f.code(), decider));
        assertTrue(
                ItStore.get()
                        .pending
                        .deny(
                                ItStore.get().request(f.location()).id(),
                                decider.id(),
                                "denied in IT"));
    }

    /** -11 "Error Response Format": problem details with {@code error}, no-store. */
    static Map<String, Object> problem(HttpResponse<String> r, int status, String code)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        assertEquals(code, json.get("error"), r.body());
        assertFalse(json.containsKey("error_description"), r.body());
        assertFalse(r.headers().firstValue("Signature-Error").isPresent());
        return json;
    }

    /** -01: exactly {@code {"error", "error_description"}}, application/json. */
    static void asToday(HttpResponse<String> r, int status, String code) throws Exception {
        assertTokenError(r, status, code);
        assertEquals(Set.of("error", "error_description"), JsonUtil.parseJson(r.body()).keySet());
    }

    static void respectRetryAfter() throws InterruptedException {
        // "The agent MUST respect Retry-After values": the first poll is admitted 5 s after the 202
        Thread.sleep(5_100);
    }

    @Test
    @DisplayName(
            "-11 denied (403), expired (408), then 410 Gone ('Once a terminal response is returned,"
                    + " the pending URL MUST return 410 Gone') as application/problem+json; the -01"
                    + " flow's answers unchanged ({error, error_description})")
    void terminalAnswersInTheFlowsDraft() throws Exception {
        Flow denied11 = flow11();
        Flow expired11 = flow11();
        Flow denied01 = flow01();
        Flow expired01 = flow01();
        deny(denied11);
        deny(denied01);
        assertTrue(ItStore.get().expireAsIf(expired11.location(), PAST_LIFETIME));
        assertTrue(ItStore.get().expireAsIf(expired01.location(), PAST_LIFETIME));
        respectRetryAfter();

        problem(denied11.send("GET"), 403, "denied");
        problem(denied11.send("GET"), 410, "invalid_code");
        problem(expired11.send("GET"), 408, "expired");
        problem(expired11.send("GET"), 410, "invalid_code");

        asToday(denied01.send("GET"), 403, "denied");
        asToday(denied01.send("GET"), 410, "invalid_code");
        asToday(expired01.send("GET"), 408, "expired");
        asToday(expired01.send("GET"), 410, "invalid_code");
    }

    @Test
    @DisplayName(
            "-11 slow_down (429): Polling too frequently, problem details with Retry-After; -01"
                    + " unchanged")
    void slowDown() throws Exception {
        HttpResponse<String> r11 = flow11().send("GET");
        problem(r11, 429, "slow_down");
        assertTrue(r11.headers().firstValue("Retry-After").isPresent());
        HttpResponse<String> r01 = flow01().send("GET");
        asToday(r01, 429, "slow_down");
        assertTrue(r01.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    @DisplayName(
            "-11 cancel: Subsequent requests to the pending URL return 410 Gone, as problem"
                    + " details; -01 unchanged")
    void cancelled() throws Exception {
        Flow f11 = flow11();
        assertEquals(204, f11.send("DELETE").statusCode());
        problem(f11.send("GET"), 410, "invalid_code");
        problem(f11.send("DELETE"), 410, "invalid_code");
        Flow f01 = flow01();
        assertEquals(204, f01.send("DELETE").statusCode());
        asToday(f01.send("GET"), 410, "invalid_code");
    }
}
