package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.Origins.TOKEN;
import static dev.aauth.jakarta.it.TokenRequests.alwaysAskChallenge;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static dev.aauth.jakarta.it.TokenRequests.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenIssuer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The real Person Server and EnrolledAgent Provider (person origin) with the real resources
 * (supply, market) over HTTP: seed 000's autonomous three-party flow end to end, and the token
 * endpoint's errors.
 */
public class PersonServerIT {

    @Test
    @DisplayName(
            "/.well-known/aauth-person.json: issuer, token_endpoint, jwks_uri, scopes_supported, claims_supported")
    void personServerMetadata() throws Exception {
        HttpResponse<String> r = get(PERSON + "/.well-known/aauth-person.json").send();
        assertEquals(200, r.statusCode());
        Map<String, Object> m = JsonUtil.parseJson(r.body());
        assertEquals(PERSON, m.get("issuer"));
        assertEquals(TOKEN, m.get("token_endpoint"));
        assertEquals(PERSON + "/aauth/jwks.json", m.get("jwks_uri"));
        assertEquals(List.of("openid", "profile", "email"), m.get("scopes_supported"));
        assertNotNull(m.get("claims_supported"));
        assertEquals(404, get(MARKET + "/.well-known/aauth-person.json").send().statusCode());
    }

    @Test
    @DisplayName(
            "seed 000, autonomous: signed request -> 401 challenge -> PS token endpoint -> 200 auth token -> retry -> 200")
    void autonomousThreePartyFlow() throws Exception {
        EnrolledAgent backend = enroll("backend");
        String rt =
                challenge(get(SUPPLY + "/api/inventory").sign(backend.key(), backend.jwt()).send());
        ResourceToken resourceToken =
                verifier()
                        .verifyResourceChallenge(
                                rt,
                                SUPPLY,
                                "aauth:backend@" + PERSON.substring("http://".length()),
                                backend.key().publicJwk().thumbprint());
        assertEquals(PERSON, resourceToken.audience(), "aud = the agent token's ps");

        String authToken = granted(tokenRequest(backend, rt));
        AuthToken t =
                verifier()
                        .verifyAuthTokenResponse(
                                authToken,
                                PERSON,
                                SUPPLY,
                                backend.key().publicJwk(),
                                resourceToken.agent());
        assertEquals(resourceToken.agent(), t.act().sub());
        assertTrue(
                resourceToken.scope().containsAll(t.scope()),
                "never broader than the resource token");
        assertTrue(t.expiresAt() - t.issuedAt() <= 3600);

        HttpResponse<String> retry =
                get(SUPPLY + "/api/inventory")
                        .sign(backend.key(), new SignatureKey.Jwt(authToken))
                        .send();
        assertEquals(200, retry.statusCode(), retry.body());
    }

    @Test
    @DisplayName("seed 000, downstream: supply-chain as an agent gets market-analysis:read at once")
    void supplyChainAsAgentReachesMarketAnalysis() throws Exception {
        EnrolledAgent supply = enroll("supply-chain");
        String rt =
                challenge(
                        get(MARKET + "/api/market/laptops")
                                .sign(supply.key(), supply.jwt())
                                .send());
        String authToken = granted(tokenRequest(supply, rt));
        HttpResponse<String> retry =
                get(MARKET + "/api/market/laptops")
                        .sign(supply.key(), new SignatureKey.Jwt(authToken))
                        .send();
        assertEquals(200, retry.statusCode(), retry.body());
    }

    @Test
    @DisplayName(
            "call chaining: supply-chain presents the backend's auth token as upstream_token; act nests the chain")
    void callChainingNestsTheActor() throws Exception {
        EnrolledAgent backend = enroll("backend");
        String upstream =
                granted(
                        tokenRequest(
                                backend,
                                challenge(
                                        get(SUPPLY + "/api/inventory")
                                                .sign(backend.key(), backend.jwt())
                                                .send())));
        EnrolledAgent supply = enroll("supply-chain");
        String rt =
                challenge(
                        get(MARKET + "/api/market/laptops")
                                .sign(supply.key(), supply.jwt())
                                .send());
        String authToken =
                granted(
                        tokenRequest(
                                supply.key(),
                                supply.jwt(),
                                JsonUtil.toJson(
                                        Map.of("resource_token", rt, "upstream_token", upstream))));
        String host = PERSON.substring("http://".length());
        AuthToken t =
                verifier()
                        .verifyAuthTokenResponse(
                                authToken,
                                PERSON,
                                MARKET,
                                supply.key().publicJwk(),
                                "aauth:supply-chain@" + host);
        assertEquals("aauth:supply-chain@" + host, t.act().sub());
        assertEquals("aauth:backend@" + host, t.act().act().sub());
        HttpResponse<String> retry =
                get(MARKET + "/api/market/laptops")
                        .sign(supply.key(), new SignatureKey.Jwt(authToken))
                        .send();
        assertEquals(200, retry.statusCode(), retry.body());
        // the backend agent is no resource: it cannot present an upstream token
        String rt2 =
                challenge(get(SUPPLY + "/api/inventory").sign(backend.key(), backend.jwt()).send());
        assertTokenError(
                tokenRequest(
                        backend.key(),
                        backend.jwt(),
                        JsonUtil.toJson(Map.of("resource_token", rt2, "upstream_token", upstream))),
                400,
                "invalid_request");
    }

    @Test
    @DisplayName(
            "always-ask scope (supply-chain:optimize): 202 pending with requirement=interaction")
    void alwaysAskScopeIsDeferred() throws Exception {
        EnrolledAgent backend = enroll("backend");
        pending(tokenRequest(backend, alwaysAskChallenge(backend)));
    }

    @Test
    @DisplayName(
            "an agent outside the autonomous allow-list and bound to no person: 202 pending with requirement=interaction")
    void otherResourceIsDeferred() throws Exception {
        EnrolledAgent backend = enroll("backend");
        String rt =
                challenge(
                        get(MARKET + "/api/market/laptops")
                                .sign(backend.key(), backend.jwt())
                                .send());
        pending(tokenRequest(backend, rt));
    }

    @Nested
    class Polling {

        static HttpResponse<String> poll(String method, String location, EnrolledAgent agent) {
            return new dev.aauth.jakarta.ItRequests.Req(method, location)
                    .sign(agent.key(), agent.jwt())
                    .send();
        }

        @Test
        @DisplayName("slow_down (429): polling before Retry-After")
        void pollingTooFrequentlyIsSlowDown() throws Exception {
            EnrolledAgent backend = enroll("backend");
            String location = pending(tokenRequest(backend, alwaysAskChallenge(backend)));
            assertTokenError(poll("GET", location, backend), 429, "slow_down");
        }

        @Test
        @DisplayName(
                "Servers MUST verify the agent's identity on every poll: another agent gets 410 as for an unknown id")
        void anotherAgentGetsTheAnswerForAnUnknownId() throws Exception {
            EnrolledAgent backend = enroll("backend");
            String location = pending(tokenRequest(backend, alwaysAskChallenge(backend)));
            EnrolledAgent other = enroll("supply-chain");
            HttpResponse<String> foreign = poll("GET", location, other);
            HttpResponse<String> unknown =
                    poll("GET", PERSON + "/aauth/pending/AAAAAAAAAAAAAAAAAAAAAA", other);
            assertTokenError(foreign, 410, "invalid_code");
            assertTokenError(unknown, 410, "invalid_code");
            assertEquals(unknown.body(), foreign.body());
            assertTokenError(poll("DELETE", location, other), 410, "invalid_code");
            assertTokenError(
                    poll("GET", location, backend),
                    429,
                    "slow_down"); // still the agent's, untouched
        }

        @Test
        @DisplayName("DELETE cancels: Subsequent requests to the pending URL return 410 Gone")
        void deleteCancels() throws Exception {
            EnrolledAgent backend = enroll("backend");
            String location = pending(tokenRequest(backend, alwaysAskChallenge(backend)));
            assertEquals(204, poll("DELETE", location, backend).statusCode());
            assertTokenError(poll("GET", location, backend), 410, "invalid_code");
            assertTokenError(poll("DELETE", location, backend), 410, "invalid_code");
        }

        @Test
        @DisplayName("polls must be signed: an unsigned GET is 401")
        void unsignedPollIs401() throws Exception {
            EnrolledAgent backend = enroll("backend");
            String location = pending(tokenRequest(backend, alwaysAskChallenge(backend)));
            assertEquals(401, get(location).send().statusCode());
        }
    }

    @Nested
    class Errors {

        @Test
        @DisplayName("invalid_request (400): Malformed JSON")
        void malformedJson() throws Exception {
            EnrolledAgent a = enroll("backend");
            assertTokenError(
                    tokenRequest(a.key(), a.jwt(), "{\"resource_token\":"), 400, "invalid_request");
        }

        @Test
        @DisplayName("invalid_request (400): missing required fields")
        void missingResourceToken() throws Exception {
            EnrolledAgent a = enroll("backend");
            assertTokenError(
                    tokenRequest(a.key(), a.jwt(), "{\"justification\":\"because\"}"),
                    400,
                    "invalid_request");
        }

        @Test
        @DisplayName(
                "invalid_agent_token (400): an auth token in Signature-Key is not an agent token")
        void wrongTokenTypeInSignatureKey() throws Exception {
            EnrolledAgent a = enroll("backend");
            String authToken =
                    granted(
                            tokenRequest(
                                    a,
                                    challenge(
                                            get(SUPPLY + "/api/inventory")
                                                    .sign(a.key(), a.jwt())
                                                    .send())));
            String rt = challenge(get(SUPPLY + "/api/inventory").sign(a.key(), a.jwt()).send());
            assertTokenError(
                    tokenRequest(
                            a.key(),
                            new SignatureKey.Jwt(authToken),
                            JsonUtil.toJson(Map.of("resource_token", rt))),
                    400,
                    "invalid_agent_token");
        }

        @Test
        @DisplayName("request signature failures stay 401 with Signature-Error")
        void signatureFailureIs401() throws Exception {
            EnrolledAgent a = enroll("backend");
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            HttpResponse<String> r = tokenRequest(other, a.jwt(), "{\"resource_token\":\"x\"}");
            assertEquals(401, r.statusCode(), r.body());
            assertEquals(
                    "invalid_signature",
                    SignatureError.parse(r.headers().firstValue(SignatureError.NAME).orElseThrow())
                            .error());
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): a resource token addressed to another Person Server")
        void foreignResourceToken() throws Exception {
            // an agent of the stand-in AP whose ps is the stand-in PS: supply-chain addresses its
            // token there
            StandInIssuers.Agent stranger = StandInIssuers.get().agent("stranger");
            String rt =
                    challenge(
                            get(SUPPLY + "/api/inventory")
                                    .sign(
                                            stranger.key(),
                                            new SignatureKey.Jwt(stranger.agentToken()))
                                    .send());
            assertTokenError(
                    tokenRequest(
                            stranger.key(),
                            new SignatureKey.Jwt(stranger.agentToken()),
                            JsonUtil.toJson(Map.of("resource_token", rt))),
                    400,
                    "invalid_resource_token");
        }

        @Test
        @DisplayName("expired_resource_token (400)")
        void expiredResourceToken() throws Exception {
            EnrolledAgent a = enroll("backend");
            TokenIssuer past =
                    new TokenIssuer(
                            SUPPLY,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "old")),
                            Clock.fixed(
                                    Instant.now().minus(Duration.ofMinutes(30)), ZoneOffset.UTC));
            String rt =
                    past.resourceToken(
                                    PERSON,
                                    "aauth:backend@" + PERSON.substring("http://".length()),
                                    a.key().publicJwk().thumbprint(),
                                    List.of("supply-chain:read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            assertTokenError(tokenRequest(a, rt), 400, "expired_resource_token");
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): agent_jkt is not the key that signed the token request")
        void wrongAgentJkt() throws Exception {
            EnrolledAgent first = enroll("backend");
            EnrolledAgent second = enroll("backend");
            String rt =
                    challenge(get(SUPPLY + "/api/inventory").sign(first.key(), first.jwt()).send());
            assertTokenError(tokenRequest(second, rt), 400, "invalid_resource_token");
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): a scope the resource's scope_descriptions does not define")
        void unknownScope() throws Exception {
            EnrolledAgent a = enroll("backend");
            StandInResource resource = StandInResource.get();
            String agent = "aauth:backend@" + PERSON.substring("http://".length());
            String known =
                    resource.tokens
                            .resourceToken(
                                    PERSON,
                                    agent,
                                    a.key().publicJwk().thumbprint(),
                                    List.of("standin:read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            // the described scope passes verification and reaches the policy (no rule for this
            // resource)
            pending(tokenRequest(a, known));
            String unknown =
                    resource.tokens
                            .resourceToken(
                                    PERSON,
                                    agent,
                                    a.key().publicJwk().thumbprint(),
                                    List.of("standin:read", "standin:admin"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            assertTokenError(tokenRequest(a, unknown), 400, "invalid_resource_token");
        }

        @Test
        @DisplayName("invalid_request (400): bodies over 64 KiB")
        void oversizedBody() throws Exception {
            EnrolledAgent a = enroll("backend");
            String big = JsonUtil.toJson(Map.of("resource_token", "x".repeat(70 * 1024)));
            assertTokenError(tokenRequest(a.key(), a.jwt(), big), 400, "invalid_request");
        }

        @Test
        @DisplayName("invalid_request (400): device longer than 64 characters")
        void deviceTooLong() throws Exception {
            EnrolledAgent a = enroll("backend");
            String rt = challenge(get(SUPPLY + "/api/inventory").sign(a.key(), a.jwt()).send());
            assertTokenError(
                    tokenRequest(
                            a.key(),
                            a.jwt(),
                            JsonUtil.toJson(
                                    Map.of("resource_token", rt, "device", "d".repeat(65)))),
                    400,
                    "invalid_request");
        }

        @Test
        @DisplayName("invalid_resource_token (400): a forged resource token (signature fails)")
        void forgedResourceToken() throws Exception {
            EnrolledAgent a = enroll("backend");
            TokenIssuer forger =
                    new TokenIssuer(
                            SUPPLY,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "forged")),
                            Clock.systemUTC());
            String rt =
                    forger.resourceToken(
                                    PERSON,
                                    "aauth:backend@" + PERSON.substring("http://".length()),
                                    a.key().publicJwk().thumbprint(),
                                    List.of("supply-chain:read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            assertTokenError(tokenRequest(a, rt), 400, "invalid_resource_token");
        }
    }
}
