package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.AuthToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent's answer to a challenge: "Resource Challenge Verification", the token request, "Auth
 * Token Response Verification", caching. Negative tests: a failed verification sends nothing and
 * caches nothing.
 */
class ChallengeResponderTest {

    static final List<String> SCOPE = List.of("supply-chain:check", "supply-chain:read");
    static final String TOKEN_ENDPOINT = AgentFixture.PS + "/aauth/token";

    final AgentFixture fx = new AgentFixture();
    final Deque<AgentHttp.Response> script = new ArrayDeque<>();
    final List<AgentHttp.Request> requests = new ArrayList<>();
    final AgentHttp http =
            r -> {
                requests.add(r);
                AgentHttp.Response next = script.poll();
                if (next == null) {
                    throw new AssertionError("unexpected request " + r.method() + " " + r.url());
                }
                return next;
            };
    final AuthTokenCache cache = new AuthTokenCache(fx.clock, Duration.ofSeconds(30), 100);
    final ChallengeResponder responder =
            new ChallengeResponder(
                    fx.verifier,
                    http,
                    fx.clock,
                    cache,
                    () ->
                            new DeferredPoller(
                                    fx.clock,
                                    fx.clock::advance,
                                    Duration.ofMinutes(5),
                                    SecurityMode.STRICT),
                    ps -> ps + "/aauth/token");

    static AgentHttp.Response granted(String authToken) {
        return AgentHttp.Response.of(
                200,
                Map.of("Content-Type", "application/json"),
                JsonUtil.toJson(Map.of("auth_token", authToken, "expires_in", 3600)));
    }

    /** A 202 with requirement=interaction (code WXYZ-0001) and a pending URL. */
    static AgentHttp.Response deferred() {
        return AgentHttp.Response.of(
                202,
                Map.of(
                        "Location",
                        "/aauth/pending/p1",
                        "Retry-After",
                        "1",
                        "AAuth-Requirement",
                        "requirement=interaction;url=\"https://ps.example/interaction\";code=\"WXYZ-0001\""),
                "{\"status\":\"pending\"}");
    }

    /** A 200 with an auth token for the fixture's resource, key and scope, valid for an hour. */
    AgentHttp.Response granted() {
        return granted(
                fx.authToken(
                        AgentFixture.RESOURCE, fx.key.publicJwk(), SCOPE, Duration.ofHours(1)));
    }

    AuthToken answer(String resourceToken, AgentCall call) {
        return responder.answer(
                fx.agent, AgentFixture.RESOURCE, resourceToken, "POST", "/api/optimize", call);
    }

    @Test
    @DisplayName(
            "a verified challenge is exchanged at the agent's PS (signed, agent token) and the verified auth token cached")
    void exchangesAndCaches() throws Exception {
        String at =
                fx.authToken(AgentFixture.RESOURCE, fx.key.publicJwk(), SCOPE, Duration.ofHours(1));
        script.add(granted(at));
        AuthToken t = answer(fx.resourceToken(SCOPE), AgentCall.DEFAULT);
        assertEquals(AgentFixture.RESOURCE, t.audience());
        AgentHttp.Request r = requests.get(0);
        assertEquals("POST", r.method());
        assertEquals(TOKEN_ENDPOINT, r.url());
        assertTrue(
                r.headers().get("signature-key").contains("jwt=\"" + fx.agent.agentToken() + "\""));
        assertTrue(r.headers().get("signature-input").contains("\"content-digest\""));
        Map<String, Object> body = JsonUtil.parseJson(new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(
                Map.of("resource_token", fx.resourceToken(SCOPE)).keySet(),
                body.keySet(),
                "no upstream_token");
        assertEquals(
                t,
                cache.forRequest(AgentFixture.RESOURCE, "POST", "/api/optimize", "", fx.agent.jkt())
                        .orElseThrow());
    }

    @Test
    @DisplayName(
            "call chaining: the caller's auth token goes to the PS as upstream_token, and the cache keeps it apart")
    void upstreamTokenIsSent() throws Exception {
        script.add(granted());
        AgentCall call = AgentCall.DEFAULT.onBehalfOf("up.stream.token");
        answer(fx.resourceToken(SCOPE), call);
        Map<String, Object> body =
                JsonUtil.parseJson(new String(requests.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("up.stream.token", body.get("upstream_token"));
        assertTrue(
                cache.forRequest(AgentFixture.RESOURCE, "POST", "/api/optimize", "", fx.agent.jkt())
                        .isEmpty());
        assertTrue(
                cache.forRequest(
                                AgentFixture.RESOURCE,
                                "POST",
                                "/api/optimize",
                                call.upstreamKey(),
                                fx.agent.jkt())
                        .isPresent());
    }

    @Test
    @DisplayName(
            "\"Verify iss matches the resource the agent sent the request to\": another resource's token is refused, nothing sent")
    void resourceTokenOfAnotherResource() {
        String foreign =
                fx.otherResource
                        .resourceToken(
                                AgentFixture.PS,
                                AgentFixture.AGENT,
                                fx.agent.jkt(),
                                SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        assertEquals(
                AAuthError.INVALID_RESOURCE_TOKEN,
                assertThrows(AAuthException.class, () -> answer(foreign, AgentCall.DEFAULT))
                        .error());
        assertTrue(requests.isEmpty());
    }

    @Test
    @DisplayName(
            "\"agent_jkt matches the JWK Thumbprint of the agent's signing key\" and \"agent matches\": else refused")
    void resourceTokenForAnotherAgentOrKey() {
        String otherKey =
                fx.resource
                        .resourceToken(
                                AgentFixture.PS,
                                AgentFixture.AGENT,
                                SigningKey.generate(SignatureAlgorithm.ED25519, null)
                                        .publicJwk()
                                        .thumbprint(),
                                SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        assertEquals(
                AAuthError.INVALID_RESOURCE_TOKEN,
                assertThrows(AAuthException.class, () -> answer(otherKey, AgentCall.DEFAULT))
                        .error());
        String otherAgent =
                fx.resource
                        .resourceToken(
                                AgentFixture.PS,
                                "aauth:mallory@agents.example",
                                fx.agent.jkt(),
                                SCOPE,
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        assertEquals(
                AAuthError.INVALID_RESOURCE_TOKEN,
                assertThrows(AAuthException.class, () -> answer(otherAgent, AgentCall.DEFAULT))
                        .error());
        assertTrue(requests.isEmpty());
    }

    @Test
    @DisplayName(
            "\"Verify exp is in the future\": an expired resource token is expired_resource_token, nothing sent")
    void expiredResourceToken() {
        String rt = fx.resourceToken(SCOPE);
        fx.clock.advance(Duration.ofMinutes(6));
        assertEquals(
                AAuthError.EXPIRED_RESOURCE_TOKEN,
                assertThrows(AAuthException.class, () -> answer(rt, AgentCall.DEFAULT)).error());
        assertTrue(requests.isEmpty());
    }

    @Test
    @DisplayName(
            "auth token response: aud not the resource, cnf not our key, or iss not the resource token's aud: invalid_jwt, not cached")
    void authTokenResponseNegatives() {
        String rt = fx.resourceToken(SCOPE);
        script.add(
                granted(
                        fx.authToken(
                                AgentFixture.OTHER_RESOURCE,
                                fx.key.publicJwk(),
                                SCOPE,
                                Duration.ofHours(1))));
        assertEquals(
                AAuthError.INVALID_JWT,
                assertThrows(AAuthException.class, () -> answer(rt, AgentCall.DEFAULT)).error());
        script.add(
                granted(
                        fx.authToken(
                                AgentFixture.RESOURCE,
                                SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk(),
                                SCOPE,
                                Duration.ofHours(1))));
        assertEquals(
                AAuthError.INVALID_JWT,
                assertThrows(AAuthException.class, () -> answer(rt, AgentCall.DEFAULT)).error());
        // signed by another issuer than the resource token's aud (here: the other resource's keys
        // under the PS name fail the signature)
        String forged =
                fx.otherResource
                        .authToken(
                                dev.aauth.token.Dwk.PERSON,
                                AgentFixture.RESOURCE,
                                AgentFixture.AGENT,
                                fx.key.publicJwk(),
                                dev.aauth.token.Actor.of(AgentFixture.AGENT),
                                "u",
                                SCOPE,
                                null,
                                Duration.ofHours(1),
                                Long.MAX_VALUE,
                                Map.of())
                        .compact();
        script.add(granted(forged));
        assertEquals(
                AAuthError.INVALID_JWT,
                assertThrows(AAuthException.class, () -> answer(rt, AgentCall.DEFAULT)).error());
        assertEquals(0, cache.size());
    }

    @Test
    @DisplayName("token endpoint errors keep their code: 403 denied is denied")
    void tokenEndpointErrorKeepsItsCode() {
        script.add(AgentHttp.Response.of(403, Map.of(), "{\"error\":\"denied\"}"));
        assertEquals(
                AAuthError.DENIED,
                assertThrows(
                                AAuthException.class,
                                () -> answer(fx.resourceToken(SCOPE), AgentCall.DEFAULT))
                        .error());
    }

    @Test
    @DisplayName(
            "202 from the PS: the interaction is handed to the callback, polling (signed GET) ends with the auth token")
    void deferredThenGranted() {
        List<String> shown = new ArrayList<>();
        script.add(deferred());
        script.add(granted());
        AuthToken t =
                answer(
                        fx.resourceToken(SCOPE),
                        AgentCall.DEFAULT.withInteraction((u, c, user) -> shown.add(c)));
        assertEquals(List.of("WXYZ-0001"), shown);
        assertEquals("GET", requests.get(1).method());
        assertEquals(AgentFixture.PS + "/aauth/pending/p1", requests.get(1).url());
        assertTrue(requests.get(1).headers().containsKey("signature"));
        assertEquals(AgentFixture.RESOURCE, t.audience());
    }

    @Test
    @DisplayName(
            "\"justification (OPTIONAL): A Markdown string declaring why access is being requested\": the call's justification goes in the token request body")
    void justificationIsSent() throws Exception {
        script.add(granted());
        answer(
                fx.resourceToken(SCOPE),
                AgentCall.DEFAULT.withJustification("Plan the **Q3** laptop refresh"));
        Map<String, Object> body =
                JsonUtil.parseJson(new String(requests.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("Plan the **Q3** laptop refresh", body.get("justification"));
        assertTrue(requests.get(0).headers().get("signature-input").contains("\"content-digest\""));
    }

    @Test
    @DisplayName(
            "\"When the agent has a browser, it MAY append a callback parameter: {url}?code={code}&callback={callback_url}\"")
    void interactionUrlCarriesTheCallback() throws Exception {
        List<String> shown = new ArrayList<>();
        script.add(deferred());
        script.add(granted());
        answer(
                fx.resourceToken(SCOPE),
                AgentCall.DEFAULT
                        .withInteraction((u, c, user) -> shown.add(user))
                        .withCallback("https://agent.example/callback?flow=a b&x=1"));
        assertEquals(
                List.of(
                        "https://ps.example/interaction?code=WXYZ-0001"
                                + "&callback=https%3A%2F%2Fagent.example%2Fcallback%3Fflow%3Da%20b%26x%3D1"),
                shown);
    }

    @Test
    @DisplayName(
            "without a callback the user URL is {url}?code={code} and no justification is sent")
    void noCallbackNoJustification() throws Exception {
        List<String> shown = new ArrayList<>();
        script.add(deferred());
        script.add(granted());
        answer(
                fx.resourceToken(SCOPE),
                AgentCall.DEFAULT.withInteraction((u, c, user) -> shown.add(user)));
        assertEquals(List.of("https://ps.example/interaction?code=WXYZ-0001"), shown);
        Map<String, Object> body =
                JsonUtil.parseJson(new String(requests.get(0).body(), StandardCharsets.UTF_8));
        assertFalse(body.containsKey("justification"));
    }
}
