package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole draft -11 three-party flow over real HTTP against the IT server's own parties: the
 * Person Server's {@code person_token_endpoint} and {@code auth_token_endpoint} and the
 * supply-chain and market-analysis resources. The agent is a new one of a STAND-IN -11 Agent
 * Provider (the real one enrolls only the demo agents), bound by an administrator to a new person
 * who consented to the scope, so the Person Server grants at once.
 */
class Draft11ThreePartyIT {

    static final StandInIssuers.AgentProvider AP = StandInIssuers.draft11AgentProvider();

    final TokenVerifier tokens11 = TokenRequests.verifier(AAuthProfile.DRAFT_11);

    /**
     * A new -11 agent bound to a new person who let it act at {@code resource} as them (the person
     * token) and consented to {@code scope} there.
     */
    static StandInIssuers.Agent boundAgent(String resource, String scope) {
        StandInIssuers.Agent agent =
                AP.agent("res11-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Person person = ItStore.get().newPerson("Rita Eleven", "rita11@example.test");
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);
        ItStore.get().consents.grant(person.id(), agent.id(), resource, Set.of(scope));
        ItStore.get().personTokenConsent(person.id(), agent.id(), resource);
        return agent;
    }

    static Map<String, Object> ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JsonUtil.parseJson(r.body());
    }

    static String signedPost(
            StandInIssuers.Agent agent, String url, Map<String, Object> body, String member)
            throws Exception {
        return (String)
                ok(post(url)
                                .header("content-type", "application/json")
                                .body(JsonUtil.toJson(body))
                                .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()))
                                .send())
                        .get(member);
    }

    /**
     * Agent token at the resource: person-token; the PS's person token: auth-token with a resource
     * token naming it; the PS's auth token: 200. Returns the final response.
     */
    HttpResponse<String> flow(StandInIssuers.Agent agent, String resource, String url)
            throws Exception {
        SignatureKey agentToken = new SignatureKey.Jwt(agent.agentToken());
        assertEquals(
                "requirement=person-token",
                get(url).sign(agent.key(), agentToken)
                        .send()
                        .headers()
                        .firstValue("AAuth-Requirement")
                        .orElseThrow());

        String personToken =
                signedPost(
                        agent,
                        PERSON + "/aauth/person-token",
                        Map.of("resource", resource),
                        "person_token");
        PersonToken person = tokens11.verifyPersonToken(personToken, resource);

        HttpResponse<String> challenge =
                get(url).sign(agent.key(), new SignatureKey.Jwt(personToken)).send();
        String resourceToken = Draft11ResourceIT.resourceTokenOf(challenge);
        Draft11ResourceToken rt =
                tokens11.verifyDraft11ResourceChallenge(
                        resourceToken,
                        resource,
                        agent.key().publicJwk().thumbprint(),
                        PERSON,
                        person.subject());
        assertEquals(person.jti(), rt.presentedJti());
        assertFalse(rt.claims().containsKey("agent"));

        String authToken =
                signedPost(
                        agent,
                        PERSON + "/aauth/auth-token",
                        Map.of("resource_token", resourceToken),
                        "auth_token");
        Draft11AuthToken auth =
                tokens11.verifyDraft11AuthTokenResponse(
                        authToken, PERSON, resource, agent.key().publicJwk(), person.subject());
        assertEquals(PERSON, auth.ps());

        return get(url).sign(agent.key(), new SignatureKey.Jwt(authToken)).send();
    }

    @Test
    @DisplayName(
            "-11 three-party at supply-chain: agent token -> person-token; person token ->"
                    + " auth-token with a -11 resource token; the PS's auth token -> 200, the"
                    + " caller named by its key")
    void draft11ThreePartyAtSupplyChain() throws Exception {
        StandInIssuers.Agent agent = boundAgent(SUPPLY, "supply-chain:read");
        HttpResponse<String> r = flow(agent, SUPPLY, SUPPLY + "/api/inventory");
        Map<String, Object> body = ok(r);
        assertEquals(agent.key().publicJwk().thumbprintUri(), body.get("requestedBy"));
    }

    @Test
    @DisplayName(
            "-11 three-party at market-analysis, which trusts only this Person Server: 200 with the"
                    + " auth token it issued")
    void draft11ThreePartyAtMarketAnalysis() throws Exception {
        StandInIssuers.Agent agent = boundAgent(MARKET, "market-analysis:read");
        HttpResponse<String> r = flow(agent, MARKET, MARKET + "/api/market/laptops");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    @DisplayName(
            "-11 \"Verify aud matches the resource's own identifier\": the PS's person token for"
                    + " supply-chain is 401 invalid_jwt at market-analysis")
    void draft11PersonTokenOfAnotherResourceIsRefused() throws Exception {
        StandInIssuers.Agent agent = boundAgent(SUPPLY, "supply-chain:read");
        String personToken =
                signedPost(
                        agent,
                        PERSON + "/aauth/person-token",
                        Map.of("resource", SUPPLY),
                        "person_token");
        HttpResponse<String> atMarket =
                get(MARKET + "/api/market/laptops")
                        .sign(agent.key(), new SignatureKey.Jwt(personToken))
                        .send();
        Draft11ResourceIT.assertDraft11SignatureError(atMarket, "invalid_jwt");
    }
}
