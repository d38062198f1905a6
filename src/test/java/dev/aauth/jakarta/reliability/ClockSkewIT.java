package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 7 (issue 12): an agent whose clock is 5 minutes ahead or behind signs with
 * {@code created} 5 minutes in the future or past. -01, "Verification": "Verify the {@code created}
 * parameter is present and within the server's signature validity window of the server's current
 * time. The default window is 60 seconds. ... Reject with {@code invalid_signature} if outside this
 * window", and "Any failure MUST result in a {@code 401} response with the appropriate {@code
 * Signature-Error} header". And "Auth tokens MUST NOT have an {@code exp} value that exceeds the
 * {@code exp} of the agent token used to obtain them".
 */
class ClockSkewIT {

    static final List<Duration> SKEWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(-5));

    /**
     * The IT server's auth token lifetime: {@code aauth.person-server.token-lifetime}'s default.
     */
    static final long TOKEN_LIFETIME = 3600;

    static StandInIssuers.AgentProvider provider;

    @BeforeAll
    static void start() {
        provider = StandInIssuers.agentProvider(Map.of("client_name", "Skewed Clock Agent"));
    }

    static AAuthRequestSigner skewed(SigningKey key, Duration skew) {
        return new AAuthRequestSigner(key, Clock.offset(Clock.systemUTC(), skew));
    }

    static void assertClockRefused(HttpResponse<String> r, String where) {
        assertEquals(401, r.statusCode(), where + ": " + r.body());
        String h = r.headers().firstValue(SignatureError.NAME).orElse(null);
        assertTrue(h != null, where + ": no Signature-Error in " + r.headers().map());
        assertEquals("invalid_signature", SignatureError.parse(h).error(), where);
    }

    @Test
    @DisplayName(
            "Scenario 7: Clocks: the agent 5 minutes ahead and behind: 401 Signature-Error invalid_signature at the PS token endpoint (-01: \"Reject with invalid_signature if outside this window\"); 30 s ahead or behind is inside the 60 s window")
    void skewedAgentAtTheTokenEndpoint() throws Exception {
        StandInIssuers.Agent a =
                provider.agent("skew-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        String rt =
                challenge(ItRequests.get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send());
        String body = JsonUtil.toJson(Map.of("resource_token", rt));
        for (Duration skew : SKEWS) {
            HttpResponse<String> r =
                    ItRequests.post(PERSON + "/aauth/token")
                            .body(body)
                            .sign(skewed(a.key(), skew), jwt(a))
                            .send();
            assertClockRefused(r, "token endpoint, agent clock " + skew);
        }
        // negative: within the window the same request is taken (deferred: a new agent)
        for (Duration skew : List.of(Duration.ofSeconds(30), Duration.ofSeconds(-30))) {
            HttpResponse<String> r =
                    ItRequests.post(PERSON + "/aauth/token")
                            .body(body)
                            .sign(skewed(a.key(), skew), jwt(a))
                            .send();
            assertEquals(202, r.statusCode(), "agent clock " + skew + ": " + r.body());
        }
    }

    @Test
    @DisplayName(
            "Scenario 7: Clocks: the agent 5 minutes ahead and behind at a resource: 401 Signature-Error invalid_signature, not a challenge; an auth token obtained normally has exp no later than its agent token's exp (-01: \"Auth tokens MUST NOT have an exp value that exceeds the exp of the agent token used to obtain them\") and within the configured lifetime")
    void skewedAgentAtAResourceAndTokenLifetimes() throws Exception {
        // an agent token of 3 minutes: shorter than the PS's auth token lifetime (3600 s)
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String id =
                "aauth:short-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@"
                        + provider.issuer().substring("http://".length());
        String agentToken =
                provider.tokens()
                        .agentToken(id, key.publicJwk(), PERSON, Duration.ofMinutes(3), Map.of())
                        .compact();
        StandInIssuers.Agent a = new StandInIssuers.Agent(id, key, agentToken);

        // unsigned-by-the-clock refusals at the resource, before any token
        for (Duration skew : SKEWS) {
            HttpResponse<String> r =
                    ItRequests.get(SUPPLY + "/api/inventory")
                            .sign(skewed(key, skew), jwt(a))
                            .send();
            assertClockRefused(r, "resource, agent-token request, agent clock " + skew);
        }

        // the token obtained normally: deferred, approved by the person over HTTP
        Deferred d = PersonOverHttp.deferInventory(a);
        Person person = PersonOverHttp.newPerson("Clara Clock");
        HttpClient c = PersonOverHttp.signedIn(person);
        String page = PersonOverHttp.open(c, d.code());
        HttpResponse<String> approved = PersonOverHttp.consentForm(c, page).post("approve");
        assertEquals(302, approved.statusCode(), approved.body());
        HttpResponse<String> answer = d.pollUntilAnswered();
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, Object> json = JsonUtil.parseJson(answer.body());
        String authToken = (String) json.get("auth_token");
        long expiresIn = ((Number) json.get("expires_in")).longValue();

        Map<String, Object> agentClaims = claims(agentToken);
        Map<String, Object> authClaims = claims(authToken);
        long agentExp = ((Number) agentClaims.get("exp")).longValue();
        long authExp = ((Number) authClaims.get("exp")).longValue();
        long authIat = ((Number) authClaims.get("iat")).longValue();
        assertTrue(
                authExp <= agentExp,
                "auth token exp " + authExp + " exceeds its agent token's exp " + agentExp);
        assertTrue(authExp - authIat <= TOKEN_LIFETIME, authClaims.toString());
        long now = System.currentTimeMillis() / 1000;
        assertTrue(
                expiresIn <= agentExp - now + 1,
                "expires_in " + expiresIn + " outlives the agent token (exp " + agentExp + ")");

        // the token works at the resource with a right clock; not with a skewed one
        SignatureKey.Jwt presented = new SignatureKey.Jwt(authToken);
        HttpResponse<String> ok =
                ItRequests.get(SUPPLY + "/api/inventory").sign(key, presented).send();
        assertEquals(200, ok.statusCode(), ok.body());
        for (Duration skew : SKEWS) {
            HttpResponse<String> r =
                    ItRequests.get(SUPPLY + "/api/inventory")
                            .sign(skewed(key, skew), presented)
                            .send();
            assertClockRefused(r, "resource, auth-token request, agent clock " + skew);
        }
    }

    /** A JWT's payload claims (not verified here: the servers verified it). */
    static Map<String, Object> claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return JsonUtil.parseJson(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
