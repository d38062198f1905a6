package dev.aauth.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.AP;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jws;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.SignatureKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * -11 "Token Revocation": "Agent provider revokes an agent token it issued: ... The PS MUST deny
 * subsequent requests presenting that agent token" ({@link RevokedAgentTokens}, checked where
 * {@link TokenExchange} verifies every request: both token endpoints, the person token endpoint and
 * the pending URL). The flows are {@link PollingErrorShapesTest}'s.
 */
class RevokedAgentTokensTest {

    final PollingErrorShapesTest flows = new PollingErrorShapesTest();
    final AAuthFixture fx = flows.fx;
    final InMemoryRevokedAgentTokens revoked = new InMemoryRevokedAgentTokens(fx.clock);
    final TokenExchange.Dependencies deps =
            flows.builder()
                    .deferred(
                            new DeferredResponses(
                                    flows.pending,
                                    flows.persons,
                                    new DeferredResponses.Settings(
                                            Duration.ofMinutes(10), Duration.ofSeconds(5)),
                                    fx.clock))
                    .revokedAgentTokens(revoked)
                    .build();
    final TokenExchange exchange = new TokenExchange(deps);

    final String agentToken01 = fx.agentTokenFor(fx.agentKey.publicJwk()).compact();
    final String agentToken11 =
            flows.ap11
                    .agentToken(AGENT, fx.agentKey.publicJwk(), PS, Duration.ofHours(2), Map.of())
                    .compact();

    AAuthFixture.Request signed(String method, String url, String agentToken, String body) {
        AAuthFixture.Request r = new AAuthFixture.Request(method, url);
        List<String> extra = List.of();
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            r.set("content-type", "application/json")
                    .set("content-length", Integer.toString(bytes.length))
                    .set("content-digest", ContentDigest.create(bytes));
            extra = List.of("content-type", "content-digest");
        }
        r.apply(
                new AAuthRequestSigner(fx.agentKey, fx.clock)
                        .sign(
                                r.method,
                                r.target,
                                r.lookup(),
                                new SignatureKey.Jwt(agentToken),
                                extra));
        return r;
    }

    TokenResponse tokenRequest01(String agentToken) {
        String rt =
                fx.resource
                        .resourceToken(
                                PS,
                                AGENT,
                                fx.agentKey.publicJwk().thumbprint(),
                                List.of("data.write"),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        String body = JsonUtil.toJson(Map.of("resource_token", rt));
        return exchange.exchange(
                AAuthProfile.DRAFT_01,
                signed("POST", PS + "/aauth/token", agentToken, body).message(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    PersonTokenIssuance.Issued personToken(String agentToken) {
        String body = JsonUtil.toJson(Map.of("resource", RESOURCE));
        return (PersonTokenIssuance.Issued)
                new PersonTokenIssuance(deps, exchange)
                        .issue(
                                signed("POST", PS + "/aauth/person-token", agentToken, body)
                                        .message(),
                                body.getBytes(StandardCharsets.UTF_8));
    }

    void revoke(String agentToken) {
        revoked.revoke(
                AP,
                (String) Jws.parse(agentToken).claims().get("jti"),
                fx.clock.instant().plus(RevokedAgentTokens.RETENTION));
    }

    static void deniedAsInvalidAgentToken(org.junit.jupiter.api.function.Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error(), e.detail());
        assertEquals(400, e.status());
    }

    @Test
    @DisplayName(
            "The PS MUST deny subsequent requests presenting that agent token: token_endpoint,"
                    + " invalid_agent_token (400)")
    void tokenEndpointDenies() {
        assertInstanceOf(TokenResponse.Pending.class, tokenRequest01(agentToken01));
        revoke(agentToken01);
        deniedAsInvalidAgentToken(() -> tokenRequest01(agentToken01));
    }

    @Test
    @DisplayName(
            "The PS MUST deny subsequent requests presenting that agent token:"
                    + " person_token_endpoint (-11), invalid_agent_token (400)")
    void personTokenEndpointDenies() {
        personToken(agentToken11);
        revoke(agentToken11);
        deniedAsInvalidAgentToken(() -> personToken(agentToken11));
    }

    @Test
    @DisplayName(
            "The PS MUST deny subsequent requests presenting that agent token: the pending URL,"
                    + " invalid_agent_token (400)")
    void pendingUrlDenies() {
        TokenResponse.Pending p =
                assertInstanceOf(TokenResponse.Pending.class, tokenRequest01(agentToken01));
        revoke(agentToken01);
        fx.clock.advance(Duration.ofSeconds(5));
        deniedAsInvalidAgentToken(
                () ->
                        exchange.poll(
                                signed("GET", PS + "/aauth/pending/" + p.id(), agentToken01, null)
                                        .message(),
                                p.id()));
    }

    @Test
    @DisplayName(
            "Recipients maintaining revocation state MUST key it by (iss, jti): another agent"
                    + " token of the same agent, or the same jti of another issuer, still works")
    void keyedByIssAndJti() {
        revoke(agentToken01);
        String other = fx.agentTokenFor(fx.agentKey.publicJwk()).compact();
        assertInstanceOf(TokenResponse.Pending.class, tokenRequest01(other));
        String jti = (String) Jws.parse(agentToken11).claims().get("jti");
        revoked.revoke("https://other-ap.example", jti, fx.clock.instant().plusSeconds(60));
        personToken(agentToken11);
    }
}
