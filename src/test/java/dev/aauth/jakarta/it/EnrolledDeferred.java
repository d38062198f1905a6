package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.TokenRequests.alwaysAskChallenge;
import static dev.aauth.jakarta.it.TokenRequests.interactionCode;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * A deferred request of an agent enrolled at the real Agent Provider ({@link EnrolledAgent}): its
 * pending URL and interaction code; the agent's signed calls to that URL over HTTP, and the
 * person's side (arriving with the code, asking) made through the store calls the consent pages
 * make ({@link ItStore}).
 */
public record EnrolledDeferred(EnrolledAgent agent, String location, String code) {

    /** The backend agent's always-ask request (supply's {@code POST /api/orders}): 202, checked. */
    public static EnrolledDeferred defer() throws Exception {
        return defer(enroll("backend"));
    }

    /** {@code backend}'s always-ask request: 202, checked. */
    public static EnrolledDeferred defer(EnrolledAgent backend) throws Exception {
        HttpResponse<String> r = tokenRequest(backend, alwaysAskChallenge(backend));
        return new EnrolledDeferred(backend, pending(r), interactionCode(r));
    }

    /** The same request, signed from now on by {@code agent} (re-enrolled after a restart). */
    public EnrolledDeferred by(EnrolledAgent agent) {
        return new EnrolledDeferred(agent, location, code);
    }

    /** The person arrives with the code and asks a question. */
    public static Person arriveAndAsk(EnrolledDeferred d, String question) {
        // the demo server binds the backend agent to alice: only she may take up its requests
        Person person = ItStore.get().persons.findByUsername("alice").orElseThrow();
        assertTrue(ItStore.get().redeem(d.code(), person));
        ask(d, person, question);
        return person;
    }

    /** {@code person} asks {@code question} about the request. */
    public static void ask(EnrolledDeferred d, Person person, String question) {
        assertTrue(
                ItStore.get()
                        .pending
                        .askClarification(
                                ItStore.get().request(d.location()).id(),
                                person.id(),
                                question,
                                PendingRequests.MAX_CLARIFICATION_ROUNDS));
    }

    /** A request signed by {@code agent} to {@code location}, with a JSON body unless null. */
    public static HttpResponse<String> send(
            String method, String location, EnrolledAgent agent, String json) {
        ItRequests.Req r = new ItRequests.Req(method, location);
        if (json != null) {
            r.body(json);
        }
        return r.sign(agent.key(), agent.jwt()).send();
    }

    /** The agent POSTs {@code body} to its pending URL. */
    public static HttpResponse<String> respond(EnrolledDeferred d, Map<String, ?> body) {
        return send("POST", d.location(), d.agent(), JsonUtil.toJson(body));
    }

    /**
     * The agent's next poll, after the Retry-After the Person Server gave it ("The agent MUST
     * respect Retry-After values"): the rate limit is the protocol's, so this wait is the agent's
     * duty, not luck.
     */
    public static HttpResponse<String> pollAfter(EnrolledDeferred d, long retryAfterSeconds)
            throws InterruptedException {
        Thread.sleep(retryAfterSeconds * 1000 + 100);
        return send("GET", d.location(), d.agent(), null);
    }

    /** A 202 of the pending URL: Location, Retry-After, no-store; returns the body. */
    public static Map<String, Object> waiting(HttpResponse<String> r, EnrolledDeferred d)
            throws Exception {
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(d.location(), r.headers().firstValue("Location").orElse(""));
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return JsonUtil.parseJson(r.body());
    }
}
