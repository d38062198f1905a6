package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 "Token Revocation" over real HTTP (issue 13): "Agent provider revokes an agent token it
 * issued: On learning that an agent can no longer be trusted, the agent provider calls the PS's
 * revocation endpoint with the agent token's iss and jti. The PS MUST deny subsequent requests
 * presenting that agent token"; a -11 resource the pair reaches refuses the agent token too. The
 * Agent Provider is a -11 stand-in in the test JVM signing as itself ({@code sig=jwks_uri;
 * dwk="aauth-agent.json"}); the Person Server and the resource are the IT server's.
 */
class Draft11RevocationIT {

    static final String PS_REVOKE = PERSON + "/aauth/revocation";
    static final String MARKET_REVOKE = MARKET + "/aauth/revoke";

    static Draft11StandIn ap;
    static Draft11StandIn other;

    @BeforeAll
    static void standIns() {
        ap = Draft11StandIn.serve(Dwk.AGENT, Map.of());
        other = Draft11StandIn.serve(Dwk.AGENT, Map.of());
    }

    /** A new -11 agent of the stand-in Agent Provider, bound to a new person. */
    static Draft11StandIn.Agent boundAgent() {
        Draft11StandIn.Agent agent =
                ap.agent("it11r-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Person person = ItStore.get().newPerson("Rita Revoked", "rita11@example.test");
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);
        ItStore.get().personTokenConsent(person.id(), agent.id(), MARKET);
        return agent;
    }

    static HttpResponse<String> personToken(Draft11StandIn.Agent agent) {
        return post(PERSON + "/aauth/person-token")
                .body(JsonUtil.toJson(Map.of("resource", MARKET)))
                .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()))
                .send();
    }

    /** {@code by} signs as itself a -11 revocation request {iss, jti} to {@code url}. */
    static HttpResponse<String> revoke(Draft11StandIn by, String url, String iss, String jti) {
        return post(url)
                .header("content-type", "application/json")
                .body(JsonUtil.toJson(Map.of("iss", iss, "jti", jti)))
                .sign(
                        by.keys.current(),
                        new SignatureKey.JwksUri(
                                by.issuer, Dwk.AGENT, by.keys.current().kid().orElseThrow()))
                .send();
    }

    static String jti(Draft11StandIn.Agent agent) {
        return (String) Jws.parse(agent.agentToken()).claims().get("jti");
    }

    @Test
    @DisplayName(
            "the agent provider calls the PS's revocation endpoint with the agent token's iss and"
                    + " jti (200); The PS MUST deny subsequent requests presenting that agent"
                    + " token: invalid_agent_token (400)")
    void psDeniesTheRevokedAgentToken() throws Exception {
        Draft11StandIn.Agent agent = boundAgent();
        HttpResponse<String> before = personToken(agent);
        assertEquals(200, before.statusCode(), before.body());

        HttpResponse<String> r = revoke(ap, PS_REVOKE, ap.issuer, jti(agent));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));

        Draft11PersonServerIT.problem(personToken(agent), 400, "invalid_agent_token");
    }

    @Test
    @DisplayName(
            "MUST only accept revocation from the issuer of the token being revoked: another"
                    + " server's request is 404 and the agent token still works")
    void onlyTheIssuer() {
        Draft11StandIn.Agent agent = boundAgent();
        HttpResponse<String> r = revoke(other, PS_REVOKE, ap.issuer, jti(agent));
        assertEquals(404, r.statusCode(), r.body());
        HttpResponse<String> after = personToken(agent);
        assertEquals(200, after.statusCode(), after.body());
    }

    @Test
    @DisplayName(
            "a resource accepting agent tokens SHOULD therefore provide a revocation endpoint:"
                    + " the -11 pair reaches it (200), it refuses that agent token (401)")
    void resourceRefusesTheRevokedAgentToken() {
        Draft11StandIn.Agent agent = boundAgent();
        SignatureKey jwt = new SignatureKey.Jwt(agent.agentToken());
        HttpResponse<String> before =
                get(MARKET + "/api/market/status").sign(agent.key(), jwt).send();
        assertEquals(200, before.statusCode(), before.body());

        HttpResponse<String> foreign = revoke(other, MARKET_REVOKE, ap.issuer, jti(agent));
        assertEquals(404, foreign.statusCode(), foreign.body());
        HttpResponse<String> still =
                get(MARKET + "/api/market/status").sign(agent.key(), jwt).send();
        assertEquals(200, still.statusCode(), still.body());

        HttpResponse<String> r = revoke(ap, MARKET_REVOKE, ap.issuer, jti(agent));
        assertEquals(200, r.statusCode(), r.body());
        HttpResponse<String> after =
                get(MARKET + "/api/market/status").sign(agent.key(), jwt).send();
        assertEquals(401, after.statusCode(), after.body());
    }
}
