package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Draft11AuthToken;
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
 * The draft -11 Person Server over real HTTP (issue 13): {@code POST /aauth/person-token} then
 * {@code POST /aauth/auth-token}, with a -11 stand-in Agent Provider and a -11 stand-in resource in
 * the test JVM (the IT server's own resources and Agent Provider are exercised by their own ITs).
 * Each test's agent is new, bound by an administrator to a new person; the direct grant comes from
 * that person's remembered consent (the IT server's autonomous allow-list names the demo agents
 * only), the deferred one from the person's approval.
 */
class Draft11PersonServerIT {

    static final String PERSON_TOKEN = PERSON + "/aauth/person-token";
    static final String AUTH_TOKEN = PERSON + "/aauth/auth-token";
    static final String SCOPE = "standin11:read";

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

    /**
     * A new -11 agent, bound by an administrator to a new person who let it act at the stand-in
     * resource as them (and, when {@code consented}, consented to its scope there).
     */
    Draft11StandIn.Agent boundAgent(boolean consented) {
        Draft11StandIn.Agent agent =
                ap.agent("it11-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Person person = ItStore.get().newPerson("Ida Eleven", "ida11@example.test");
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);
        ItStore.get().personTokenConsent(person.id(), agent.id(), rs.issuer);
        if (consented) {
            ItStore.get().consents.grant(person.id(), agent.id(), rs.issuer, Set.of(SCOPE));
        }
        return agent;
    }

    static HttpResponse<String> signedPost(
            String url, Draft11StandIn.Agent agent, String agentToken, Map<String, Object> body) {
        return post(url)
                .body(JsonUtil.toJson(body))
                .sign(agent.key(), new SignatureKey.Jwt(agentToken))
                .send();
    }

    static HttpResponse<String> personToken(Draft11StandIn.Agent agent) {
        return signedPost(PERSON_TOKEN, agent, agent.agentToken(), Map.of("resource", rs.issuer));
    }

    static HttpResponse<String> authToken(Draft11StandIn.Agent agent, String resourceToken) {
        return signedPost(
                AUTH_TOKEN, agent, agent.agentToken(), Map.of("resource_token", resourceToken));
    }

    static Map<String, Object> ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return JsonUtil.parseJson(r.body());
    }

    /** A -11 endpoint error: RFC 9457 problem details with {@code error}, no-store. */
    static Map<String, Object> problem(HttpResponse<String> r, int status, String code)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        assertEquals(code, json.get("error"), r.body());
        return json;
    }

    PersonToken issuedPersonToken(Draft11StandIn.Agent agent) throws Exception {
        String compact = (String) ok(personToken(agent)).get("person_token");
        return tokens11.verifyPersonToken(compact, rs.issuer);
    }

    String resourceToken(PersonContext person, Draft11StandIn.Agent agent) {
        return rs.tokens
                .resourceToken(
                        PERSON,
                        person,
                        agent.key().publicJwk().thumbprint(),
                        List.of(SCOPE),
                        null,
                        Duration.ofMinutes(5))
                .compact();
    }

    @Test
    @DisplayName(
            "-11 three-party flow: a person token from person_token_endpoint, then an auth token"
                    + " from auth_token_endpoint (200, ps, sub of the person token, no agent, no"
                    + " act)")
    void personTokenThenAuthToken() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        HttpResponse<String> pr = personToken(agent);
        Map<String, Object> pj = ok(pr);
        long expiresIn = ((Number) pj.get("expires_in")).longValue();
        assertTrue(expiresIn > 0 && expiresIn <= 3600, pr.body());
        PersonToken person = tokens11.verifyPersonToken((String) pj.get("person_token"), rs.issuer);
        assertEquals(PERSON, person.issuer());
        assertEquals(agent.key().publicJwk().thumbprint(), person.cnf().thumbprint());

        Map<String, Object> aj =
                ok(authToken(agent, resourceToken(PersonContext.of(person), agent)));
        Draft11AuthToken at =
                tokens11.verifyDraft11AuthToken((String) aj.get("auth_token"), rs.issuer);
        assertEquals(PERSON, at.ps());
        assertEquals(person.subject(), at.subject());
        assertEquals(List.of(SCOPE), at.scope());
        assertFalse(at.claims().containsKey("agent"));
        assertFalse(at.claims().containsKey("act"));
    }

    @Test
    @DisplayName(
            "-11 202 deferred at auth_token_endpoint: the person approves, the pending URL yields"
                    + " a -11 auth token")
    void deferredThenApproved() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(false);
        PersonToken person = issuedPersonToken(agent);
        HttpResponse<String> r = authToken(agent, resourceToken(PersonContext.of(person), agent));
        String location = dev.aauth.jakarta.it.TokenRequests.pending(r);
        String code = dev.aauth.jakarta.it.TokenRequests.interactionCode(r);
        var request = ItStore.get().request(location);
        Person decider = ItStore.get().persons.find(request.personId().orElseThrow()).orElseThrow();
        assertTrue(ItStore.get().redeem(code, decider));
        assertTrue(ItStore.get().pending.approve(request.id(), decider.id(), "approved in IT"));
        // "Retry-After: Recommended polling interval in seconds": the first poll is due then
        Thread.sleep(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) * 1000);
        HttpResponse<String> poll =
                get(location).sign(agent.key(), new SignatureKey.Jwt(agent.agentToken())).send();
        Draft11AuthToken at =
                tokens11.verifyDraft11AuthToken((String) ok(poll).get("auth_token"), rs.issuer);
        assertEquals(person.subject(), at.subject());
        assertFalse(at.claims().containsKey("act"));
    }

    @Test
    @DisplayName(
            "-11 unknown_person_token (400): presented_jti names no person token the PS retains")
    void unknownPersonToken() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        PersonToken person = issuedPersonToken(agent);
        problem(
                authToken(
                        agent,
                        resourceToken(
                                new PersonContext(
                                        PERSON, person.subject(), "pt-never-issued", null, null),
                                agent)),
                400,
                "unknown_person_token");
    }

    @Test
    @DisplayName(
            "-11 invalid_resource_token (400): a tampered sub or a stripped/added mission_s256"
                    + " does not match the PS's record")
    void tamperedResourceToken() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        PersonToken person = issuedPersonToken(agent);
        problem(
                authToken(
                        agent,
                        resourceToken(
                                new PersonContext(
                                        PERSON, person.subject() + "x", person.jti(), null, null),
                                agent)),
                400,
                "invalid_resource_token");
        problem(
                authToken(
                        agent,
                        resourceToken(
                                new PersonContext(
                                        PERSON,
                                        person.subject(),
                                        person.jti(),
                                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                                        null),
                                agent)),
                400,
                "invalid_resource_token");
    }

    @Test
    @DisplayName(
            "-11 invalid_agent_token (400): an agent token signed with the polymorphic EdDSA, at"
                    + " both -11 endpoints")
    void edDsaAgentTokenRefused() throws Exception {
        StandInIssuers.Agent old = StandInIssuers.get().agent("it11-eddsa");
        Draft11StandIn.Agent asOld =
                new Draft11StandIn.Agent(old.id(), old.key(), old.agentToken());
        problem(personToken(asOld), 400, "invalid_agent_token");
        problem(authToken(asOld, "x.y.z"), 400, "invalid_agent_token");
    }

    @Test
    @DisplayName(
            "-11 invalid_input (401): a body the signature does not cover, Signature-Error with"
                    + " required_input naming content-type and content-digest")
    void unsignedBodyRefused() {
        Draft11StandIn.Agent agent = boundAgent(true);
        HttpResponse<String> r =
                post(PERSON_TOKEN)
                        .body(JsonUtil.toJson(Map.of("resource", rs.issuer)))
                        .unsignedBody()
                        .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()))
                        .send();
        assertEquals(401, r.statusCode(), r.body());
        String se = r.headers().firstValue("Signature-Error").orElse("");
        assertTrue(se.contains("invalid_input"), se);
        assertTrue(se.contains("required_input"), se);
        assertTrue(se.contains("content-digest") && se.contains("content-type"), se);
    }

    @Test
    @DisplayName(
            "never mix within one flow: a -01 resource token at the -11 auth_token_endpoint, and a"
                    + " -11 one at the -01 token_endpoint, are refused with an error naming the"
                    + " draft")
    void crossDraftRefusals() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        String rt01 =
                StandInResource.get()
                        .tokens
                        .resourceToken(
                                PERSON,
                                agent.id(),
                                agent.key().publicJwk().thumbprint(),
                                List.of("standin:read"),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        Map<String, Object> at11 = problem(authToken(agent, rt01), 400, "invalid_resource_token");
        assertTrue(((String) at11.get("detail")).contains("draft-01"), at11.toString());

        PersonToken person = issuedPersonToken(agent);
        HttpResponse<String> r =
                signedPost(
                        TOKEN,
                        agent,
                        agent.agentToken(),
                        Map.of("resource_token", resourceToken(PersonContext.of(person), agent)));
        assertEquals(400, r.statusCode(), r.body());
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        assertEquals("invalid_resource_token", json.get("error"));
        assertTrue(((String) json.get("error_description")).contains("draft-11"), r.body());
    }

    @Test
    @DisplayName(
            "-11 Person Server metadata: person_token_endpoint and auth_token_endpoint beside"
                    + " token_endpoint")
    void metadataPublishesBothDrafts() throws Exception {
        HttpResponse<String> r = get(PERSON + "/.well-known/aauth-person.json").send();
        Map<String, Object> m = JsonUtil.parseJson(r.body());
        assertEquals(TOKEN, m.get("token_endpoint"));
        assertEquals(AUTH_TOKEN, m.get("auth_token_endpoint"));
        assertEquals(PERSON_TOKEN, m.get("person_token_endpoint"));
    }

    @Test
    @DisplayName(
            "-11 person_token_endpoint: a request replayed inside the signature window is refused"
                    + " (401 invalid_signature, the database replay cache)")
    void replayedPersonTokenRequestRefused() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        var request =
                post(PERSON_TOKEN)
                        .body(JsonUtil.toJson(Map.of("resource", rs.issuer)))
                        .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()));
        ok(request.send());
        HttpResponse<String> replay = request.send();
        assertEquals(401, replay.statusCode(), replay.body());
        assertTrue(
                replay.headers()
                        .firstValue("Signature-Error")
                        .orElse("")
                        .contains("invalid_signature"),
                replay.headers().map().toString());
    }

    @Test
    @DisplayName(
            "-11 invalid_request (400): resource missing or not a server identifier; mission_s256"
                    + " not supported")
    void personTokenRequestErrors() throws Exception {
        Draft11StandIn.Agent agent = boundAgent(true);
        problem(
                signedPost(PERSON_TOKEN, agent, agent.agentToken(), Map.of("other", "x")),
                400,
                "invalid_request");
        problem(
                signedPost(
                        PERSON_TOKEN,
                        agent,
                        agent.agentToken(),
                        Map.of("resource", rs.issuer + "/path")),
                400,
                "invalid_request");
        Map<String, Object> m =
                problem(
                        signedPost(
                                PERSON_TOKEN,
                                agent,
                                agent.agentToken(),
                                Map.of(
                                        "resource",
                                        rs.issuer,
                                        "mission_s256",
                                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
                        400,
                        "invalid_request");
        assertTrue(((String) m.get("detail")).contains("not supported"), m.toString());
    }

    @Test
    @DisplayName(
            "-11 user_unreachable (403): a person token for an agent bound to no person, no"
                    + " Signature-Error on a 403")
    void unboundAgentIsUserUnreachable() throws Exception {
        Draft11StandIn.Agent agent =
                ap.agent("it11-unbound-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        HttpResponse<String> r = personToken(agent);
        problem(r, 403, "user_unreachable");
        assertFalse(r.headers().firstValue("Signature-Error").isPresent());
    }
}
