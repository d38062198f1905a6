package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jose.Jwk;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.MintedToken;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 at the IT server's resources over real HTTP, beside draft-01: a -11 agent token
 * enrolled at the real Agent Provider ({@link EnrolledAgent#enrollDraft11}); person and auth tokens
 * from a STAND-IN -11 Person Server ({@link StandInIssuers#draft11PersonServer}), whose keys the
 * resource discovers over HTTP, until the project's own -11 Person Server endpoints land.
 */
class Draft11ResourceIT {

    static final StandInIssuers.Draft11PersonServer PS = StandInIssuers.draft11PersonServer();
    static final String SUB = "person-res11-it";

    static EnrolledAgent agent;

    @BeforeAll
    static void enroll() throws Exception {
        agent = EnrolledAgent.enrollDraft11("backend");
    }

    static Jwk agentKey() {
        return agent.key().publicJwk();
    }

    static SignatureKey jwt(String token) {
        return new SignatureKey.Jwt(token);
    }

    static Item requirement(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertFalse(
                r.headers().firstValue(SignatureError.NAME).isPresent(),
                "a challenge is not a signature error");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        String h = r.headers().firstValue(AAuthRequirement.NAME).orElse(null);
        assertNotNull(h, "no AAuth-Requirement");
        Dictionary d = StructuredFields.parseDictionary(h);
        return (Item) d.get("requirement");
    }

    static String resourceTokenOf(HttpResponse<String> r) {
        Item req = requirement(r);
        assertEquals("auth-token", req.tokenValue());
        return req.parameters().getString("resource-token");
    }

    /** 401, Signature-Error {@code code}, the -11 problem details naming it. */
    static void assertDraft11SignatureError(HttpResponse<String> r, String code) throws Exception {
        assertEquals(401, r.statusCode(), r.body());
        SignatureError e =
                SignatureError.parse(r.headers().firstValue(SignatureError.NAME).orElseThrow());
        assertEquals(code, e.error(), r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> problem = JsonUtil.parseJson(r.body());
        assertEquals(401L, problem.get("status"));
        assertFalse(r.headers().firstValue(AAuthRequirement.NAME).isPresent());
    }

    static Draft11ResourceToken atPs(String resourceToken) {
        return TokenRequests.verifier(AAuthProfile.DRAFT_11)
                .verifyDraft11ResourceToken(
                        resourceToken, PS.issuer(), agentKey().thumbprint(), PS.records(), null);
    }

    @Test
    @DisplayName(
            "-11 \"MUST challenge with requirement=person-token when it has not [verified a person"
                    + " token]\": a -11 agent token at an auth-token endpoint, both origins")
    void draft11AgentTokenIsChallengedForAPersonToken() throws Exception {
        for (String url : List.of(MARKET + "/api/market/laptops", SUPPLY + "/api/inventory")) {
            HttpResponse<String> r = get(url).sign(agent.key(), agent.jwt()).send();
            Item req = requirement(r);
            assertEquals("person-token", req.tokenValue(), url);
            assertEquals(
                    "requirement=person-token",
                    r.headers().firstValue(AAuthRequirement.NAME).orElseThrow());
        }
    }

    @Test
    @DisplayName("-11 an agent token suffices at an identity-level endpoint (200)")
    void draft11AgentTokenAtIdentityEndpointIsAllowed() {
        HttpResponse<String> r =
                get(MARKET + "/api/market/status").sign(agent.key(), agent.jwt()).send();
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    @DisplayName(
            "-11 three-party: person token -> requirement=auth-token with a -11 resource token ->"
                    + " auth token -> 200, the caller named by its key")
    void draft11PersonTokenThenAuthTokenIsAllowed() throws Exception {
        MintedToken person = PS.personToken(SUPPLY, SUB, agentKey(), null);
        HttpResponse<String> challenge =
                get(SUPPLY + "/api/inventory").sign(agent.key(), jwt(person.compact())).send();
        Draft11ResourceToken rt = atPs(resourceTokenOf(challenge));
        assertEquals(SUPPLY, rt.issuer());
        assertEquals(PS.issuer(), rt.audience());
        assertEquals(PS.issuer(), rt.ps());
        assertEquals(SUB, rt.subject());
        assertEquals(person.jti(), rt.presentedJti());
        assertEquals(agentKey().thumbprint(), rt.agentJkt());
        assertEquals(List.of("supply-chain:read"), rt.scope());
        assertFalse(rt.claims().containsKey("agent"));
        assertTrue(rt.expiresAt() - rt.issuedAt() <= 300);

        String auth = PS.authToken(rt, agentKey(), rt.scope());
        HttpResponse<String> ok =
                get(SUPPLY + "/api/inventory").sign(agent.key(), jwt(auth)).send();
        assertEquals(200, ok.statusCode(), ok.body());
        Map<String, Object> body = JsonUtil.parseJson(ok.body());
        // AAuthCaller.agent(): "no token a resource reads carries an agent identifier"
        assertEquals(agentKey().thumbprintUri(), body.get("requestedBy"));
    }

    @Test
    @DisplayName(
            "-11 step-up: an auth token lacking a scope is challenged again, presented_jti from the"
                    + " person token the resource verified earlier")
    void draft11StepUpNamesTheEarlierPersonToken() throws Exception {
        MintedToken person = PS.personToken(SUPPLY, SUB + "-up", agentKey(), null);
        Draft11ResourceToken rt =
                atPs(
                        resourceTokenOf(
                                get(SUPPLY + "/api/inventory")
                                        .sign(agent.key(), jwt(person.compact()))
                                        .send()));
        String readOnly = PS.authToken(rt, agentKey(), List.of("supply-chain:read"));
        HttpResponse<String> r =
                post(SUPPLY + "/api/optimize")
                        .header("content-type", "application/json")
                        .body("{}")
                        .sign(agent.key(), jwt(readOnly))
                        .send();
        Draft11ResourceToken stepUp = atPs(resourceTokenOf(r));
        assertEquals(person.jti(), stepUp.presentedJti());
        assertEquals(List.of("supply-chain:read", "supply-chain:check"), stepUp.scope());
    }

    @Test
    @DisplayName(
            "-11 Person Token Verification step 5 \"Verify aud matches the resource's own"
                    + " identifier\": another resource's person token is 401 invalid_jwt")
    void draft11PersonTokenForAnotherResourceIsInvalidJwt() throws Exception {
        MintedToken forMarket = PS.personToken(MARKET, SUB, agentKey(), null);
        HttpResponse<String> r =
                get(SUPPLY + "/api/inventory").sign(agent.key(), jwt(forMarket.compact())).send();
        assertDraft11SignatureError(r, "invalid_jwt");
    }

    @Test
    @DisplayName(
            "-11 a person token of a Person Server market-analysis does not trust: 403 without"
                    + " Signature-Error (\"a 403 MUST NOT include a Signature-Error\")")
    void draft11UntrustedPersonServerIsForbidden() {
        MintedToken person = PS.personToken(MARKET, SUB, agentKey(), null);
        HttpResponse<String> r =
                get(MARKET + "/api/market/laptops").sign(agent.key(), jwt(person.compact())).send();
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(r.headers().firstValue(SignatureError.NAME).isPresent());
        assertFalse(r.headers().firstValue("Accept-Signature-Alg").isPresent());
    }

    @Test
    @DisplayName(
            "-11 authorization endpoint: \"The agent MUST present a person token\"; without one"
                    + " requirement=person-token; with one a resource token")
    void draft11AuthorizationEndpoint() throws Exception {
        HttpResponse<String> without =
                post(SUPPLY + "/aauth/authorize")
                        .header("content-type", "application/json")
                        .body("{\"scope\":\"supply-chain:read\"}")
                        .sign(agent.key(), agent.jwt())
                        .send();
        assertEquals("person-token", requirement(without).tokenValue());

        MintedToken person = PS.personToken(SUPPLY, SUB, agentKey(), null);
        HttpResponse<String> with =
                post(SUPPLY + "/aauth/authorize")
                        .header("content-type", "application/json")
                        .body("{\"scope\":\"supply-chain:optimize\"}")
                        .sign(agent.key(), jwt(person.compact()))
                        .send();
        assertEquals(200, with.statusCode(), with.body());
        Map<String, Object> json = JsonUtil.parseJson(with.body());
        Draft11ResourceToken rt = atPs((String) json.get("resource_token"));
        assertEquals(List.of("supply-chain:optimize"), rt.scope());
        assertEquals(person.jti(), rt.presentedJti());
    }

    @Test
    @DisplayName(
            "-11 authorization endpoint: a person token for another resource is 400"
                    + " invalid_person_token, as problem details")
    void draft11AuthorizationEndpointRefusesAForeignPersonToken() throws Exception {
        MintedToken forMarket = PS.personToken(MARKET, SUB, agentKey(), null);
        HttpResponse<String> r =
                post(SUPPLY + "/aauth/authorize")
                        .header("content-type", "application/json")
                        .body("{\"scope\":\"supply-chain:read\"}")
                        .sign(agent.key(), jwt(forMarket.compact()))
                        .send();
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("invalid_person_token", JsonUtil.parseJson(r.body()).get("error"));
    }

    @Test
    @DisplayName(
            "-11 resource metadata: name beside client_name, access_mode, accept_signature_algs")
    void draft11ResourceMetadata() throws Exception {
        Map<String, Object> supply =
                JsonUtil.parseJson(get(SUPPLY + "/.well-known/aauth-resource.json").send().body());
        assertEquals(supply.get("client_name"), supply.get("name"));
        assertEquals("auth-token", supply.get("access_mode"));
        assertEquals(List.of("Ed25519", "ES256"), supply.get("accept_signature_algs"));
        Map<String, Object> market =
                JsonUtil.parseJson(get(MARKET + "/.well-known/aauth-resource.json").send().body());
        assertEquals("agent-token", market.get("access_mode"));
    }
}
