package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.sigkey.SignatureKey;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jose4j.json.JsonUtil;

/**
 * A deferred token request of a stand-in agent at the real Person Server (the IT server's person
 * origin): the agent, its pending URL, the interaction code the person is to open; and the agent's
 * polls of that URL, at the instance that made it or at another instance of the same origin.
 */
public record Deferred(StandInIssuers.Agent agent, String location, String code) {

    /**
     * The agent's token request with {@code resourceToken} and {@code extra} members: {@code 202},
     * checked.
     */
    public static Deferred request(
            StandInIssuers.Agent a, String resourceToken, Map<String, String> extra)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("resource_token", resourceToken);
        HttpResponse<String> r = tokenRequest(a.key(), jwt(a), JsonUtil.toJson(body));
        String location = pending(r);
        AAuthRequirement.InteractionRequired interaction =
                assertInstanceOf(
                        AAuthRequirement.InteractionRequired.class,
                        AAuthRequirement.parse(
                                r.headers().firstValue(AAuthRequirement.NAME).orElseThrow(),
                                SecurityMode.DEVELOPMENT));
        assertEquals(PERSON + "/interaction", interaction.url().value());
        return new Deferred(a, location, interaction.code());
    }

    /** The agent's agent token as its signature key. */
    public static SignatureKey jwt(StandInIssuers.Agent a) {
        return new SignatureKey.Jwt(a.agentToken());
    }

    /** One signed {@code GET} of the pending URL. */
    public HttpResponse<String> poll() {
        return poll(PERSON);
    }

    /**
     * One signed {@code GET} of the pending URL, sent to the instance at {@code base} (the
     * signature covers the URL's own {@code @authority}, the configured issuer, whichever instance
     * receives it).
     */
    public HttpResponse<String> poll(String base) {
        ItRequests.Req r = new ItRequests.Req("GET", location).sign(agent.key(), jwt(agent));
        r.url = base + location.substring(PERSON.length());
        return r.send();
    }

    /**
     * Polls as the draft tells agents to (every {@code Retry-After} seconds, 5 more after a {@code
     * 429}) until the answer is not {@code 202}, at most 60 s.
     */
    public HttpResponse<String> pollUntilAnswered() throws InterruptedException {
        return pollUntil(PERSON, r -> r.statusCode() != 202);
    }

    /** {@link #pollUntilAnswered}, polling the instance at {@code base}. */
    public HttpResponse<String> pollUntilAnswered(String base) throws InterruptedException {
        return pollUntil(base, r -> r.statusCode() != 202);
    }

    /**
     * Polls the instance at {@code base}, honouring {@code Retry-After}, until {@code done}, at
     * most 60 s.
     */
    public HttpResponse<String> pollUntil(String base, Predicate<HttpResponse<String>> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        long wait = 5;
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(wait * 1000);
            HttpResponse<String> r = poll(base);
            if (r.statusCode() == 429) {
                wait += 5;
                continue;
            }
            if (done.test(r)) {
                return r;
            }
            wait = Long.parseLong(r.headers().firstValue("Retry-After").orElse("5"));
        }
        throw new AssertionError("no answer within 60 s");
    }
}
