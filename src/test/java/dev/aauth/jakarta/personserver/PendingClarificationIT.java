package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.personserver.PersonServerIT.alwaysAskChallenge;
import static dev.aauth.jakarta.personserver.PersonServerIT.assertTokenError;
import static dev.aauth.jakarta.personserver.PersonServerIT.challenge;
import static dev.aauth.jakarta.personserver.PersonServerIT.enroll;
import static dev.aauth.jakarta.personserver.PersonServerIT.pending;
import static dev.aauth.jakarta.personserver.PersonServerIT.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.personserver.PersonServerIT.Agent;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Agent Response to Clarification" and "Clarification Required" over HTTP against the real Person
 * Server: the agent polls and POSTs to its pending URL; the person's side (arriving with the code,
 * asking) is made on the server's database through the store calls the consent pages make ({@link
 * ItStore}).
 */
class PendingClarificationIT {

    static final String PERSON = baseUrl("person");
    static final String SUPPLY = baseUrl("supply");
    static final String MARKET = baseUrl("market");

    /** A deferred request of one agent: its pending URL and interaction code. */
    record Deferred(Agent agent, String location, String code) {}

    static Deferred defer() throws Exception {
        Agent backend = enroll("backend");
        HttpResponse<String> r = tokenRequest(backend, alwaysAskChallenge(backend));
        return new Deferred(backend, pending(r), interactionCode(r));
    }

    /** The code of a 202's {@code AAuth-Requirement: requirement=interaction}. */
    static String interactionCode(HttpResponse<String> r) {
        return assertInstanceOf(
                        AAuthRequirement.InteractionRequired.class,
                        AAuthRequirement.parse(
                                r.headers().firstValue(AAuthRequirement.NAME).orElseThrow(),
                                SecurityMode.DEVELOPMENT))
                .code();
    }

    /** The person arrives with the code and asks a question. */
    static Person arriveAndAsk(Deferred d, String question) {
        // the demo server binds the backend agent to alice: only she may take up its requests
        Person person = ItStore.get().persons.findByUsername("alice").orElseThrow();
        assertTrue(ItStore.get().redeem(d.code(), person));
        ask(d, person, question);
        return person;
    }

    static void ask(Deferred d, Person person, String question) {
        assertTrue(
                ItStore.get()
                        .pending
                        .askClarification(
                                ItStore.get().request(d.location()).id(),
                                person.id(),
                                question,
                                PendingRequests.MAX_CLARIFICATION_ROUNDS));
    }

    static HttpResponse<String> send(String method, String location, Agent agent, String json) {
        ItRequests.Req r = new ItRequests.Req(method, location);
        if (json != null) {
            r.body(json);
        }
        return r.sign(agent.key(), agent.jwt()).send();
    }

    static HttpResponse<String> respond(Deferred d, Map<String, ?> body) {
        return send("POST", d.location(), d.agent(), JsonUtil.toJson(body));
    }

    /**
     * The agent's next poll, after the Retry-After the Person Server gave it ("The agent MUST
     * respect Retry-After values"): the rate limit is the protocol's, so this wait is the agent's
     * duty, not luck.
     */
    static HttpResponse<String> pollAfter(Deferred d, long retryAfterSeconds)
            throws InterruptedException {
        Thread.sleep(retryAfterSeconds * 1000 + 100);
        return send("GET", d.location(), d.agent(), null);
    }

    /** A 202 of the pending URL: Location, Retry-After, no-store; returns the body. */
    static Map<String, Object> waiting(HttpResponse<String> r, Deferred d) throws Exception {
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(d.location(), r.headers().firstValue("Location").orElse(""));
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return JsonUtil.parseJson(r.body());
    }

    @Test
    @DisplayName(
            "Clarification Required (202, requirement=clarification, clarification and timeout), then Clarification response: POST a clarification_response to the pending URL")
    void clarificationRoundTrip() throws Exception {
        Deferred d = defer();
        arriveAndAsk(d, "Why do you need to *optimize* my orders?");

        HttpResponse<String> asked = pollAfter(d, 5);
        Map<String, Object> body = waiting(asked, d);
        assertInstanceOf(
                AAuthRequirement.ClarificationRequired.class,
                AAuthRequirement.parse(
                        asked.headers().firstValue(AAuthRequirement.NAME).orElseThrow(),
                        SecurityMode.DEVELOPMENT));
        assertEquals("interacting", body.get("status"));
        assertEquals("Why do you need to *optimize* my orders?", body.get("clarification"));
        long timeout = ((Number) body.get("timeout")).longValue();
        assertTrue(
                timeout > 0 && timeout <= 600, "seconds until the request times out: " + timeout);

        HttpResponse<String> answered =
                respond(
                        d,
                        Map.of("clarification_response", "To reorder the laptops you asked for."));
        assertEquals(Map.of("status", "interacting"), waiting(answered, d));
        assertFalse(
                answered.headers().firstValue(AAuthRequirement.NAME).isPresent(),
                "the question is answered");
        PendingRequest stored = ItStore.get().request(d.location());
        assertEquals(
                "To reorder the laptops you asked for.",
                stored.clarificationResponse().orElseThrow());

        assertEquals(204, send("DELETE", d.location(), d.agent(), null).statusCode());
        assertTokenError(respond(d, Map.of("clarification_response", "late")), 410, "invalid_code");
    }

    @Test
    @DisplayName(
            "PSes MUST enforce a maximum number of clarification rounds: five questions answered over HTTP, no sixth")
    void atMostFiveRounds() throws Exception {
        Deferred d = defer();
        Person person = arriveAndAsk(d, "question 1");
        for (int round = 1; round <= 5; round++) {
            if (round > 1) {
                ask(d, person, "question " + round);
            }
            assertEquals(
                    202,
                    respond(d, Map.of("clarification_response", "answer " + round)).statusCode());
        }
        assertFalse(
                ItStore.get()
                        .pending
                        .askClarification(
                                ItStore.get().request(d.location()).id(),
                                person.id(),
                                "sixth",
                                PendingRequests.MAX_CLARIFICATION_ROUNDS));
        assertEquals(5, ItStore.get().request(d.location()).clarificationRounds());
    }

    @Test
    @DisplayName(
            "POST errors: invalid_request (400) without an open question, malformed JSON, both members, oversized; another agent 410 as for an unknown id; unsigned 401")
    void postErrors() throws Exception {
        Deferred d = defer();
        assertTokenError(
                respond(d, Map.of("clarification_response", "nobody asked")),
                400,
                "invalid_request");
        arriveAndAsk(d, "Why?");
        assertTokenError(
                send("POST", d.location(), d.agent(), "{\"clarification_response\":"),
                400,
                "invalid_request");
        assertTokenError(
                respond(d, Map.of("clarification_response", "a", "resource_token", "b")),
                400,
                "invalid_request");
        assertTokenError(
                respond(d, Map.of("clarification_response", "x".repeat(70 * 1024))),
                400,
                "invalid_request");

        Agent other = enroll("supply-chain");
        HttpResponse<String> foreign =
                send("POST", d.location(), other, "{\"clarification_response\":\"me\"}");
        HttpResponse<String> unknown =
                send(
                        "POST",
                        PERSON + "/aauth/pending/AAAAAAAAAAAAAAAAAAAAAA",
                        other,
                        "{\"clarification_response\":\"me\"}");
        assertTokenError(foreign, 410, "invalid_code");
        assertTokenError(unknown, 410, "invalid_code");
        assertEquals(unknown.body(), foreign.body());
        assertEquals(
                401,
                ItRequests.post(d.location())
                        .body("{\"clarification_response\":\"me\"}")
                        .send()
                        .statusCode());
        assertTrue(
                ItStore.get().request(d.location()).awaitsClarificationResponse(),
                "still open, untouched");
    }

    @Test
    @DisplayName(
            "Updated request: POST a new resource_token (same iss, agent, agent_jkt) replaces the request; another iss or agent_jkt is invalid_resource_token (400)")
    void updatedRequest() throws Exception {
        Deferred d = defer();
        String update = alwaysAskChallenge(d.agent());
        HttpResponse<String> replaced =
                respond(
                        d,
                        Map.of(
                                "resource_token",
                                update,
                                "justification",
                                "I've reduced my request."));
        assertEquals(Map.of("status", "pending"), waiting(replaced, d));
        PendingRequest stored = ItStore.get().request(d.location());
        assertEquals(update, stored.resourceToken());
        assertEquals("I've reduced my request.", stored.justification().orElseThrow());

        String otherIss =
                challenge(
                        get(MARKET + "/api/market/laptops")
                                .sign(d.agent().key(), d.agent().jwt())
                                .send());
        assertTokenError(
                respond(d, Map.of("resource_token", otherIss)), 400, "invalid_resource_token");
        Agent sibling = enroll("backend");
        String otherKey =
                challenge(get(SUPPLY + "/api/inventory").sign(sibling.key(), sibling.jwt()).send());
        assertTokenError(
                respond(d, Map.of("resource_token", otherKey)), 400, "invalid_resource_token");
        assertEquals(
                update,
                ItStore.get().request(d.location()).resourceToken(),
                "refused updates change nothing");
    }
}
