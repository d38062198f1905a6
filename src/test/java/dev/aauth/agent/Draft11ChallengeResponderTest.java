package dev.aauth.agent;

import static dev.aauth.agent.Draft11Parties.AGENT;
import static dev.aauth.agent.Draft11Parties.AUTH_TOKEN_ENDPOINT;
import static dev.aauth.agent.Draft11Parties.OTHER_PS;
import static dev.aauth.agent.Draft11Parties.OTHER_RESOURCE;
import static dev.aauth.agent.Draft11Parties.PERSON_TOKEN_ENDPOINT;
import static dev.aauth.agent.Draft11Parties.PS;
import static dev.aauth.agent.Draft11Parties.RESOURCE;
import static dev.aauth.agent.Draft11Parties.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.VerifiedToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of draft -11, clause by clause: "Person Token Endpoint" / "Person Token
 * Required", "Resource Challenge Verification" (every mismatch refused before anything reaches the
 * PS), "Agent Token Request", "Auth Token Response Verification", problem details, "Deferred
 * Delivery" of the auth-token requirement. Counter-parties are the core's own -11 issuers and
 * verifiers ({@link Draft11Parties}).
 */
class Draft11ChallengeResponderTest {

    final Draft11Parties p = new Draft11Parties();
    final AuthTokenCache cache = new AuthTokenCache(p.clock, Duration.ofSeconds(30), 100);
    final PersonTokenCache persons = new PersonTokenCache(p.clock, Duration.ofSeconds(30), 100);
    final ChallengeResponder responder = p.responder(cache, persons);

    AuthTokenChallenge challenge(String resourceToken, VerifiedToken presented) {
        return new AuthTokenChallenge(
                resourceToken, RESOURCE, "GET", "/api/inventory", false, presented);
    }

    // ------------------------------------------------------------------ the agent's draft

    @Test
    @DisplayName(
            "-11 agent token shape (JWS alg Ed25519, cnf.jwk.alg) makes a draft-11 agent; EdDSA a draft-01 one")
    void draftIsReadFromTheAgentToken() {
        assertEquals(AAuthProfile.DRAFT_11, p.agent.profile());
        AgentFixture fx01 = new AgentFixture();
        assertEquals(AAuthProfile.DRAFT_01, fx01.agent.profile());
        assertEquals(AAuthProfile.DRAFT_01, AgentCredentials.detect("not a token"));
        assertEquals(
                AAuthProfile.DRAFT_11,
                fx01.agent.withProfile(AAuthProfile.DRAFT_11).profile(),
                "an explicit draft wins");
    }

    // ------------------------------------------------------------------ person tokens

    @Test
    @DisplayName(
            "-11 Person Token Endpoint: 'The agent MUST make a signed POST ... presenting its agent token' with {resource}, covering content-type and content-digest; verified and cached per resource")
    void personTokenIsRequestedVerifiedAndCached() {
        PersonToken pt = responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        assertEquals(RESOURCE, pt.audience());
        assertEquals(SUB, pt.subject());
        AgentHttp.Request r = p.requests.get(0);
        assertEquals(PERSON_TOKEN_ENDPOINT, r.url());
        assertEquals(Map.of("resource", RESOURCE), Draft11Parties.body(r));
        assertTrue(r.headers().get("signature-key").contains(p.agent.agentToken()));
        assertTrue(r.headers().get("signature-input").contains("\"content-type\""));
        assertEquals(
                pt,
                responder
                        .presentable(p.agent, RESOURCE, "GET", "/anything", AgentCall.DEFAULT)
                        .orElseThrow(),
                "'Agents present person tokens via the Signature-Key header ... in place of the agent token'");
        assertTrue(
                responder
                        .presentable(p.agent, OTHER_RESOURCE, "GET", "/x", AgentCall.DEFAULT)
                        .isEmpty(),
                "'A person token is scoped to one resource'");
    }

    @Test
    @DisplayName(
            "-11 Person Token Endpoint: 'The PS MAY require user interaction before issuing and return a 202': the link is shown, the pending URL polled, the person token taken")
    void personTokenAfterInteraction() {
        p.script.add(Draft11Parties.deferred(Draft11Parties.PS));
        p.script.add(
                AgentHttp.Response.of(
                        202, Map.of("Retry-After", "1"), "{\"status\":\"interacting\"}"));
        p.script.add(
                Draft11Parties.ok(
                        Map.of("person_token", p.personToken(p.ps, RESOURCE, p.key, SUB))));
        List<String> shown = new ArrayList<>();
        AgentCall call = AgentCall.DEFAULT.withInteraction((url, code, userUrl) -> shown.add(code));
        PersonToken pt = responder.personToken(p.agent, RESOURCE, call);
        assertEquals(List.of("WXYZ-0001"), shown);
        assertEquals(Draft11Parties.PS + "/aauth/pending/p1", p.requests.get(1).url());
        assertEquals("GET", p.requests.get(2).method());
        assertEquals(RESOURCE, pt.audience());
    }

    @Test
    @DisplayName(
            "-11 Person Token Verification by the agent: a person token for another aud, from another PS, or bound to another key is invalid_person_token and not cached")
    void personTokenOfTheWrongShapeIsRefused() {
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        for (String wrong :
                List.of(
                        p.personToken(p.ps, OTHER_RESOURCE, p.key, SUB),
                        p.personToken(p.otherPs, RESOURCE, p.key, SUB),
                        p.personToken(p.ps, RESOURCE, other, SUB))) {
            p.script.add(Draft11Parties.ok(Map.of("person_token", wrong)));
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT));
            assertEquals(AAuthError.INVALID_PERSON_TOKEN, e.error(), e.detail());
        }
        assertEquals(0, persons.size());
    }

    @Test
    @DisplayName(
            "-11 Person Token Required: 'An agent with no person server cannot satisfy this requirement and surfaces it as an error'; nothing is sent")
    void noPersonServerNoPersonToken() {
        AgentCredentials noPs =
                new AgentCredentials(
                        p.key,
                        p.ap.agentToken(
                                        Draft11Parties.AGENT,
                                        p.key.publicJwk(),
                                        null,
                                        Duration.ofHours(1),
                                        Map.of())
                                .compact(),
                        Draft11Parties.AGENT,
                        null,
                        Draft11Parties.NOW.getEpochSecond() + 3600);
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> responder.personToken(noPs, RESOURCE, AgentCall.DEFAULT));
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error());
        assertTrue(p.requests.isEmpty());
    }

    @Test
    @DisplayName(
            "-11 Error Response Format: the PS's application/problem+json error is read from its 'error' member, detail kept")
    void problemDetailsAreRead() {
        p.script.add(
                Draft11Parties.problem(403, "user_unreachable", "no channel to reach the person"));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT));
        assertEquals(AAuthError.USER_UNREACHABLE, e.error());
        assertTrue(e.detail().contains("no channel to reach the person"), e.detail());
    }

    // ------------------------------------------------------------------ resource challenge

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification then 'Send the resource token to the agent's PS's auth token endpoint'; Auth Token Response Verification; cached for the route")
    void challengeIsVerifiedExchangedAndCached() {
        PersonToken pt = responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        String rt = p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5));
        VerifiedToken t =
                responder.respond(
                        p.agent, challenge(rt, pt), AgentCall.DEFAULT.withJustification("why"));
        Draft11AuthToken at = assertInstanceOf(Draft11AuthToken.class, t);
        assertEquals(SUB, at.subject());
        assertEquals(RESOURCE, at.audience());
        AgentHttp.Request r = p.requests.get(1);
        assertEquals(AUTH_TOKEN_ENDPOINT, r.url());
        assertEquals(Map.of("resource_token", rt, "justification", "why"), Draft11Parties.body(r));
        assertEquals(
                at,
                responder
                        .presentable(p.agent, RESOURCE, "GET", "/api/inventory", AgentCall.DEFAULT)
                        .orElseThrow(),
                "the auth token before the person token: 'Once an auth token has been issued for a resource, the agent presents the auth token'");
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification: a step-up challenge to a request carrying the auth token checks sub against that token")
    void stepUpChecksTheAuthTokensSub() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        Draft11AuthToken first =
                (Draft11AuthToken)
                        responder.respond(
                                p.agent,
                                challenge(
                                        p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5)),
                                        pt),
                                AgentCall.DEFAULT);
        VerifiedToken again =
                responder.respond(
                        p.agent,
                        challenge(p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5)), first),
                        AgentCall.DEFAULT);
        assertInstanceOf(Draft11AuthToken.class, again);
    }

    /** Each refusal: the code, and nothing sent to the PS. */
    void refusedBeforeThePs(String resourceToken, VerifiedToken presented, AAuthError code) {
        p.requests.clear();
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                responder.respond(
                                        p.agent,
                                        challenge(resourceToken, presented),
                                        AgentCall.DEFAULT));
        assertEquals(code, e.error(), e.detail());
        assertTrue(p.requests.isEmpty(), "nothing sent to the PS: " + p.requests);
        assertEquals(0, cache.size());
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification 'Verify iss matches the resource the agent sent the request to': another resource's token is refused before anything is sent to the PS")
    void issMismatchIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String foreign =
                p.otherResource
                        .resourceToken(
                                Draft11Parties.PS,
                                PersonContext.of(pt),
                                p.agent.jkt(),
                                Draft11Parties.SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        refusedBeforeThePs(foreign, pt, AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification 'Verify agent_jkt matches the JWK Thumbprint of the agent's signing key': refused before anything is sent to the PS")
    void agentJktMismatchIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String otherKey =
                SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk().thumbprint();
        refusedBeforeThePs(
                p.resourceToken(pt, otherKey, Duration.ofMinutes(5)),
                pt,
                AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification 'Verify ps matches the agent's own person server': refused before anything is sent to the PS")
    void psMismatchIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String otherPs =
                p.resource
                        .resourceToken(
                                Draft11Parties.PS,
                                new PersonContext(
                                        Draft11Parties.OTHER_PS, SUB, pt.jti(), null, null),
                                p.agent.jkt(),
                                Draft11Parties.SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        refusedBeforeThePs(otherPs, pt, AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification '... and sub the value in the person token the agent presented': another person's resource token is refused before anything is sent to the PS")
    void subMismatchIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String otherSub =
                p.resource
                        .resourceToken(
                                Draft11Parties.PS,
                                new PersonContext(
                                        Draft11Parties.PS, "someone-else", pt.jti(), null, null),
                                p.agent.jkt(),
                                Draft11Parties.SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        refusedBeforeThePs(otherSub, pt, AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 Resource Challenge Verification 'Verify exp is in the future': an expired resource token is expired_resource_token, nothing sent")
    void expiredResourceTokenIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String rt = p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(1));
        p.clock.advance(Duration.ofMinutes(2));
        refusedBeforeThePs(rt, pt, AAuthError.EXPIRED_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 resource token header: 'Implementations MUST NOT accept ... the polymorphic EdDSA identifier': an EdDSA-signed resource token is refused, nothing sent")
    void eddsaSignedResourceTokenIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        long now = p.clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", RESOURCE);
        claims.put("dwk", Dwk.RESOURCE);
        claims.put("aud", Draft11Parties.PS);
        claims.put("jti", TokenIssuer.newJti());
        claims.put("ps", Draft11Parties.PS);
        claims.put("sub", SUB);
        claims.put("presented_jti", pt.jti());
        claims.put("agent_jkt", p.agent.jkt());
        claims.put("scope", "supply-chain:read");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        String eddsa = Jws.sign(Map.of("typ", "aa-resource+jwt"), claims, p.resourceKeys.current());
        assertTrue(Jws.parse(eddsa).alg().equals("EdDSA"));
        refusedBeforeThePs(eddsa, pt, AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 'A resource MUST have verified a person token before it issues a resource token': a resource token answering the agent token alone is refused, nothing sent")
    void resourceTokenWithoutPersonTokenIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        refusedBeforeThePs(
                p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5)),
                null,
                AAuthError.INVALID_RESOURCE_TOKEN);
    }

    @Test
    @DisplayName(
            "-11 never mix: a draft-01 resource token (it has an agent claim) challenging a -11 agent is refused, nothing sent")
    void draft01ResourceTokenIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String rt01 =
                new TokenIssuer(RESOURCE, p.resourceKeys, p.clock)
                        .resourceToken(
                                Draft11Parties.PS,
                                Draft11Parties.AGENT,
                                p.agent.jkt(),
                                Draft11Parties.SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        refusedBeforeThePs(rt01, pt, AAuthError.INVALID_RESOURCE_TOKEN);
    }

    // ------------------------------------------------------------------ auth token response

    AAuthException refusedResponse(String authToken) {
        PersonToken pt = responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        p.script.add(Draft11Parties.ok(Map.of("auth_token", authToken)));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                responder.respond(
                                        p.agent,
                                        challenge(
                                                p.resourceToken(
                                                        pt, p.agent.jkt(), Duration.ofMinutes(5)),
                                                pt),
                                        AgentCall.DEFAULT));
        assertEquals(0, cache.size(), "nothing cached");
        return e;
    }

    Draft11AuthToken authTokenFor(String sub, SigningKey cnf) {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        return (Draft11AuthToken)
                p.verifier.verifyDraft11AuthToken(
                        p.ps.authToken(
                                        p.verifier.verifyDraft11ResourceChallenge(
                                                p.resource
                                                        .resourceToken(
                                                                Draft11Parties.PS,
                                                                new PersonContext(
                                                                        Draft11Parties.PS,
                                                                        sub,
                                                                        pt.jti(),
                                                                        null,
                                                                        null),
                                                                p.agent.jkt(),
                                                                Draft11Parties.SCOPE,
                                                                null,
                                                                Duration.ofMinutes(5))
                                                        .compact(),
                                                RESOURCE,
                                                p.agent.jkt(),
                                                Draft11Parties.PS,
                                                sub),
                                        Dwk.PERSON,
                                        cnf.publicJwk(),
                                        Draft11Parties.SCOPE,
                                        Duration.ofHours(1),
                                        0,
                                        Map.of())
                                .compact(),
                        RESOURCE);
    }

    @Test
    @DisplayName(
            "-11 Auth Token Response Verification 'Verify sub matches the value in the person token it presented to that resource': another person's auth token is invalid_jwt, not cached")
    void authTokenForAnotherPersonIsRefused() {
        AAuthException e = refusedResponse(authTokenFor("someone-else", p.key).compact());
        assertEquals(AAuthError.INVALID_JWT, e.error(), e.detail());
    }

    @Test
    @DisplayName(
            "-11 Auth Token Response Verification 'Verify cnf.jwk matches the agent's own signing key': an auth token for another key is invalid_jwt, not cached")
    void authTokenForAnotherKeyIsRefused() {
        AAuthException e =
                refusedResponse(
                        authTokenFor(SUB, SigningKey.generate(SignatureAlgorithm.ED25519, null))
                                .compact());
        assertEquals(AAuthError.INVALID_JWT, e.error(), e.detail());
    }

    // ------------------------------------------------------------------ deferred delivery

    @Test
    @DisplayName(
            "-11 Deferred Delivery: 'Agents MUST support both': a 202 requirement=auth-token is answered at the PS, then the resource's pending URL polled with signed GETs presenting the auth token until the invocation's response")
    void deferredDeliveryCompletesAtThePendingUrl() {
        PersonToken pt = responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        String rt = p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5));
        AgentHttp.Response accepted =
                AgentHttp.Response.of(
                        202,
                        Map.of(
                                "Location",
                                "/pending/f7a3b9c",
                                "Retry-After",
                                "5",
                                "AAuth-Requirement",
                                "requirement=auth-token; resource-token=\"" + rt + "\""),
                        "{\"status\":\"pending\"}");
        // the PS (unscripted) answers the token request; then the resource: pending, then done
        List<AgentHttp.Response> resource =
                List.of(
                        AgentHttp.Response.of(
                                202, Map.of("Retry-After", "2"), "{\"status\":\"pending\"}"),
                        AgentHttp.Response.of(201, Map.of(), "{\"order\":\"o-1\"}"));
        AgentHttp routed =
                r -> {
                    if (r.url().startsWith(RESOURCE)) {
                        p.requests.add(r);
                        return resource.get(
                                (int)
                                                p.requests.stream()
                                                        .filter(x -> x.url().startsWith(RESOURCE))
                                                        .count()
                                        - 1);
                    }
                    return p.send(r);
                };
        ChallengeResponder viaResource =
                new ChallengeResponder(
                        Map.of(AAuthProfile.DRAFT_11, p.verifier),
                        routed,
                        p.clock,
                        cache,
                        persons,
                        () ->
                                new DeferredPoller(
                                        p.clock,
                                        p.clock::advance,
                                        Duration.ofMinutes(5),
                                        dev.aauth.id.SecurityMode.STRICT),
                        new PersonServerEndpoints() {
                            @Override
                            public String authTokenEndpoint(String ps, AAuthProfile profile) {
                                return AUTH_TOKEN_ENDPOINT;
                            }

                            @Override
                            public String personTokenEndpoint(String ps) {
                                return PERSON_TOKEN_ENDPOINT;
                            }
                        });
        AgentHttp.Response done =
                viaResource.completeDeferred(
                        p.agent,
                        new AuthTokenChallenge(rt, RESOURCE, "POST", "/api/orders", false, pt),
                        accepted,
                        RESOURCE + "/api/orders",
                        AgentCall.DEFAULT);
        assertEquals(201, done.status());
        List<AgentHttp.Request> polls =
                p.requests.stream().filter(x -> x.url().startsWith(RESOURCE)).toList();
        assertEquals(2, polls.size());
        String authToken =
                cache.presentable(RESOURCE, "POST", "/api/orders", "", p.agent.jkt())
                        .orElseThrow()
                        .compact();
        for (AgentHttp.Request poll : polls) {
            assertEquals("GET", poll.method());
            assertEquals(RESOURCE + "/pending/f7a3b9c", poll.url());
            assertTrue(poll.headers().get("signature-key").contains(authToken));
            assertNull(poll.body(), "'The agent does NOT resend the original request body'");
        }
    }

    @Test
    @DisplayName(
            "-11 Deferred Responses: 'The Location URL MUST be on the same origin as the responding server': another origin's pending URL is refused before anything is sent")
    void deferredDeliveryOnAnotherOriginIsRefused() {
        PersonToken pt = p.heldPersonToken(RESOURCE);
        String rt = p.resourceToken(pt, p.agent.jkt(), Duration.ofMinutes(5));
        AgentHttp.Response accepted =
                AgentHttp.Response.of(
                        202, Map.of("Location", "https://evil.example/pending/1"), "{}");
        assertThrows(
                AAuthException.class,
                () ->
                        responder.completeDeferred(
                                p.agent,
                                challenge(rt, pt),
                                accepted,
                                RESOURCE + "/api/inventory",
                                AgentCall.DEFAULT));
        assertTrue(p.requests.isEmpty());
    }

    // ------------------------------------------------------------------ keys

    @Test
    @DisplayName(
            "-11 'an agent that rotates its signing key invalidates all of them at once': dropKey forgets the person and auth tokens of the old key")
    void rotationDropsPersonTokens() {
        responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        assertEquals(1, persons.size());
        responder.dropKey(p.agent.jkt());
        assertEquals(0, persons.size());
        assertTrue(
                responder.presentable(p.agent, RESOURCE, "GET", "/", AgentCall.DEFAULT).isEmpty());
    }

    @Test
    @DisplayName(
            "-11 'An agent SHOULD cache a person token for a resource until it expires': not presented past exp (minus the margin)")
    void personTokenExpires() {
        responder.personToken(p.agent, RESOURCE, AgentCall.DEFAULT);
        p.clock.advance(Duration.ofMinutes(59).plusSeconds(31));
        assertTrue(
                responder.presentable(p.agent, RESOURCE, "GET", "/", AgentCall.DEFAULT).isEmpty());
    }

    @Test
    @DisplayName(
            "-11 call chaining: the person token request carries upstream_token, and its person token is kept apart")
    void upstreamTokenGoesToThePersonTokenEndpoint() {
        AgentCall call = AgentCall.DEFAULT.onBehalfOf(upstream(PS));
        responder.personToken(p.agent, RESOURCE, call);
        assertEquals(upstream(PS), Draft11Parties.body(p.requests.get(0)).get("upstream_token"));
        assertTrue(
                responder.presentable(p.agent, RESOURCE, "GET", "/", AgentCall.DEFAULT).isEmpty());
        assertTrue(responder.presentable(p.agent, RESOURCE, "GET", "/", call).isPresent());
    }

    /** An upstream auth token as the intermediary holds it: only its {@code ps} is read. */
    static String upstream(String ps) {
        return "eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiYWEtYXV0aCtqd3QifQ."
                + dev.aauth.jose.Base64Url.encode(
                        JsonUtil.toJson(Map.of("ps", ps, "sub", "upstream-sub"))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "."
                + dev.aauth.jose.Base64Url.encode(new byte[64]);
    }

    @Test
    @DisplayName(
            "-11 Call Chaining: It routes the downstream token request to the person server named by the ps claim of the upstream auth token it received. The ps claim in the calling agent's own agent token is NOT used for this routing")
    void chainedRequestsRouteByTheUpstreamPs() {
        // the intermediary's own agent token names another PS: never asked
        SigningKey k = p.key;
        AgentCredentials intermediary =
                new AgentCredentials(
                        k,
                        p.ap.agentToken(
                                        AGENT,
                                        k.publicJwk(),
                                        OTHER_PS,
                                        Duration.ofHours(1),
                                        Map.of())
                                .compact(),
                        AGENT,
                        OTHER_PS,
                        p.clock.instant().getEpochSecond() + 3600);
        AgentCall call = AgentCall.DEFAULT.onBehalfOf(upstream(PS));
        PersonToken pt = responder.personToken(intermediary, RESOURCE, call);
        assertEquals(PS, pt.issuer());
        String rt = p.resourceToken(pt, intermediary.jkt(), Duration.ofMinutes(5));
        Draft11AuthToken at =
                assertInstanceOf(
                        Draft11AuthToken.class,
                        responder.respond(intermediary, challenge(rt, pt), call));
        assertEquals(PS, at.ps());
        assertEquals(
                List.of(PERSON_TOKEN_ENDPOINT, AUTH_TOKEN_ENDPOINT),
                p.requests.stream().map(AgentHttp.Request::url).toList());
        assertEquals(
                Map.of("resource_token", rt, "upstream_token", upstream(PS)),
                Draft11Parties.body(p.requests.get(1)));
    }

    @Test
    @DisplayName(
            "-11 call chaining: an upstream token naming no ps leaves nowhere to route: invalid_request, nothing sent")
    void upstreamWithoutPs() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                responder.personToken(
                                        p.agent,
                                        RESOURCE,
                                        AgentCall.DEFAULT.onBehalfOf("not.a.jwt")));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
        assertTrue(p.requests.isEmpty());
    }

    @Test
    @DisplayName(
            "-11 clarification: 'A POST body MUST include an action member' (clarification_response)")
    void clarificationCarriesAction() throws Exception {
        DeferredPoller poller11 =
                new DeferredPoller(
                        p.clock,
                        p.clock::advance,
                        Duration.ofMinutes(5),
                        dev.aauth.id.SecurityMode.STRICT,
                        AAuthProfile.DRAFT_11);
        assertEquals(
                "{\"action\":\"clarification_response\",\"clarification_response\":\"yes\"}",
                JsonUtil.toJson(poller11.clarificationResponse("yes")));
        assertEquals(
                "{\"clarification_response\":\"yes\"}",
                JsonUtil.toJson(
                        poller11.speaking(AAuthProfile.DRAFT_01).clarificationResponse("yes")),
                "-01 unchanged");
    }
}
