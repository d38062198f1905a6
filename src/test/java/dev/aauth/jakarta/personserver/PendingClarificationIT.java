package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.EnrolledDeferred.arriveAndAsk;
import static dev.aauth.jakarta.it.EnrolledDeferred.ask;
import static dev.aauth.jakarta.it.EnrolledDeferred.defer;
import static dev.aauth.jakarta.it.EnrolledDeferred.pollAfter;
import static dev.aauth.jakarta.it.EnrolledDeferred.respond;
import static dev.aauth.jakarta.it.EnrolledDeferred.send;
import static dev.aauth.jakarta.it.EnrolledDeferred.waiting;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.alwaysAskChallenge;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.EnrolledDeferred;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "EnrolledAgent Response to Clarification" and "Clarification Required" over HTTP against the real
 * Person Server: the agent polls and POSTs to its pending URL; the person's side (arriving with the
 * code, asking) is made on the server's database through the store calls the consent pages make
 * ({@link ItStore}).
 */
class PendingClarificationIT {

    @Test
    @DisplayName(
            "Clarification Required (202, requirement=clarification, clarification and timeout), then Clarification response: POST a clarification_response to the pending URL")
    void clarificationRoundTrip() throws Exception {
        EnrolledDeferred d = defer();
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
        EnrolledDeferred d = defer();
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
        EnrolledDeferred d = defer();
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

        EnrolledAgent other = enroll("supply-chain");
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
        EnrolledDeferred d = defer();
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
        EnrolledAgent sibling = enroll("backend");
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
