package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.MintedToken;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * "One structured JSON log line per decision: time, resource, agent, level, result, reason, latency
 * in ms."
 */
class DecisionLogTest {

    final AAuthFixture f = new AAuthFixture();
    final DecisionLog log = new DecisionLog(AAuthFixture.RESOURCE, f.clock);

    VerifiedRequest agentRequest() {
        return f.verifier()
                .verify(
                        f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                                .message());
    }

    Map<String, Object> line(Decision d) throws Exception {
        return JsonUtil.parseJson(log.line("GET", "/api/inventory", d, 2_400_000));
    }

    @Test
    void challengeLine() throws Exception {
        MintedToken rt =
                f.resource.resourceToken(
                        AAuthFixture.PS,
                        AAuthFixture.AGENT,
                        "jkt",
                        List.of("a"),
                        null,
                        java.time.Duration.ofMinutes(5));
        Map<String, Object> m =
                line(
                        new Decision.Challenged(
                                agentRequest(), rt, AAuthFixture.PS, "auth_token_required"));
        assertEquals("2026-11-23T12:00:00Z", m.get("time"));
        assertEquals(AAuthFixture.RESOURCE, m.get("resource"));
        assertEquals(AAuthFixture.AGENT, m.get("agent"));
        assertEquals(AAuthFixture.AP, m.get("agent_server"));
        assertEquals("identified", m.get("level"));
        assertEquals("challenged", m.get("result"));
        assertEquals("auth_token_required", m.get("reason"));
        assertEquals(rt.jti(), m.get("resource_token_jti"));
        assertEquals(2L, m.get("latency_ms"));
        // the seed's field names
        assertEquals(AAuthFixture.RESOURCE, m.get("resource_id"));
        assertEquals(AAuthFixture.AGENT, m.get("delegate"));
        assertEquals("in-process", m.get("mode"));
    }

    @Test
    void failureBeforeIdentificationIsUnidentified() throws Exception {
        Map<String, Object> m =
                line(
                        new Decision.Failed(
                                null,
                                new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, "x")));
        assertEquals("unidentified", m.get("level"));
        assertEquals("denied", m.get("result"));
        assertEquals("invalid_request", m.get("reason"));
        assertFalse(m.containsKey("agent"));
    }

    @Test
    void allowedWithAuthTokenIsAuthorized() throws Exception {
        VerifiedRequest r =
                f.verifier()
                        .verify(
                                f.signedGet(
                                                "/api/inventory",
                                                new SignatureKey.Jwt(
                                                        f.authToken(List.of("supply-chain:read"))))
                                        .message());
        Map<String, Object> m = line(new Decision.Allowed(r, AAuthCaller.Level.AUTHORIZED, null));
        assertEquals("authorized", m.get("level"));
        assertEquals("allowed", m.get("result"));
        assertEquals(AAuthFixture.PS, m.get("agent_server"));
        assertEquals(r.authToken().jti(), m.get("auth_token_jti"));
    }

    @Test
    void lineNeverContainsATokenOrSignature() {
        VerifiedRequest r = agentRequest();
        String line =
                log.line(
                        "GET",
                        "/api/inventory",
                        new Decision.Allowed(r, AAuthCaller.Level.IDENTIFIED, null),
                        0);
        assertFalse(line.contains(r.agentToken().compact()));
        assertFalse(line.contains("eyJ"));
    }

    @Test
    void lineEscapesQuotesBackslashesAndControlCharactersSoAPathCannotForgeALine()
            throws Exception {
        String path = "/api/\"x\\y\n{\"result\":\"allowed\"}\r\t\u0001\u007f\u2028é";
        String line =
                log.line(
                        "GET",
                        path,
                        new Decision.Failed(
                                null,
                                new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, "x")),
                        0);
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
        Map<String, Object> m = JsonUtil.parseJson(line);
        assertEquals(path, m.get("path"));
        assertEquals("denied", m.get("result"));
    }

    @Test
    void lineIsOneJsonObjectWithTheIssueFieldsInOrder() {
        VerifiedRequest r = agentRequest();
        String line =
                log.line(
                        "GET",
                        "/api/inventory",
                        new Decision.Allowed(r, AAuthCaller.Level.IDENTIFIED, null),
                        7_000_000);
        assertEquals(
                "{\"time\":\"2026-11-23T12:00:00Z\",\"resource_id\":\""
                        + AAuthFixture.RESOURCE
                        + "\",\"resource\":\""
                        + AAuthFixture.RESOURCE
                        + "\",\"mode\":\"in-process\",\"method\":\"GET\",\"path\":\"/api/inventory\",\"agent\":\""
                        + AAuthFixture.AGENT
                        + "\",\"delegate\":\""
                        + AAuthFixture.AGENT
                        + "\",\"agent_server\":\""
                        + AAuthFixture.AP
                        + "\",\"level\":\"identified\",\"result\":\"allowed\","
                        + "\"reason\":\"identity\",\"latency_ms\":7}",
                line);
    }
}
