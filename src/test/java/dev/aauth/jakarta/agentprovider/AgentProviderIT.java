package dev.aauth.jakarta.agentprovider;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AgentToken;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real Agent Provider of the aauth-it server (person origin): metadata, JWKS, remote
 * enrollment.
 */
public class AgentProviderIT {

    @Test
    @DisplayName(
            "/.well-known/aauth-agent.json: issuer, jwks_uri, client_name, localhost_callback_allowed")
    void agentProviderMetadata() throws Exception {
        HttpResponse<String> r = get(PERSON + "/.well-known/aauth-agent.json").send();
        assertEquals(200, r.statusCode());
        Map<String, Object> m = JsonUtil.parseJson(r.body());
        assertEquals(PERSON, m.get("issuer"));
        assertEquals(PERSON + "/aauth/jwks.json", m.get("jwks_uri"));
        assertEquals(Boolean.FALSE, m.get("localhost_callback_allowed"));
        assertEquals(200, get((String) m.get("jwks_uri")).send().statusCode());
        assertEquals(
                404, get(baseUrl("supply") + "/.well-known/aauth-agent.json").send().statusCode());
    }

    @Test
    @DisplayName(
            "-11: enrollment with \"draft\": \"draft-11\" gets an agent token a draft-11 verifier accepts (alg Ed25519, cnf.jwk.alg) against the JWKS as published over HTTP")
    void draft11EnrollmentIsVerifiedUnderDraft11Rules() throws Exception {
        SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String token = EnrolledAgent.agentToken("backend", shortLived, AAuthProfile.DRAFT_11);
        AgentToken t = TokenRequests.verifier(AAuthProfile.DRAFT_11).verifyAgentToken(token);
        assertEquals(shortLived.publicJwk().thumbprint(), t.cnf().thumbprint());
        assertEquals(PERSON, t.ps());
        assertEquals("Ed25519", Jws.parse(token).alg());
    }

    @Test
    @DisplayName(
            "-11 \"every JWKS key carries alg\": an origin serving draft-11 publishes Ed25519, never EdDSA; the draft-01 verifier still accepts its draft-01 tokens")
    void jwksCarriesTheFullySpecifiedAlg() throws Exception {
        Map<String, Object> jwks =
                JsonUtil.parseJson(get(PERSON + "/aauth/jwks.json").send().body());
        @SuppressWarnings("unchecked")
        java.util.List<Map<String, Object>> keys =
                (java.util.List<Map<String, Object>>) jwks.get("keys");
        assertFalse(keys.isEmpty());
        for (Map<String, Object> k : keys) {
            assertEquals("Ed25519", k.get("alg"), k.toString());
        }
        SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String token01 = EnrolledAgent.agentToken("backend", shortLived);
        assertEquals("EdDSA", Jws.parse(token01).alg());
        assertEquals(PERSON, TokenRequests.verifier().verifyAgentToken(token01).issuer());
    }

    @Test
    @DisplayName(
            "enrollment: a trusted long-lived key delegates (jkt-jwt) and the short-lived key gets an aa-agent+jwt")
    void enrollmentIssuesAgentTokenForTheShortLivedKey() throws Exception {
        SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        AgentToken t =
                TokenRequests.verifier()
                        .verifyAgentToken(EnrolledAgent.agentToken("backend", shortLived));
        assertEquals(PERSON, t.issuer());
        assertEquals("aauth:backend@" + PERSON.substring("http://".length()), t.agent());
        assertEquals(shortLived.publicJwk().thumbprint(), t.cnf().thumbprint());
        assertEquals(PERSON, t.ps());
        assertTrue(t.expiresAt() - t.issuedAt() <= 24 * 3600);
    }

    @Test
    @DisplayName(
            "authenticated but not trusted: 403, MUST NOT include an Accept-Signature header with sigkey or a Signature-Error header")
    void untrustedKeyIsForbidden() {
        SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        HttpResponse<String> r =
                EnrolledAgent.enrollResponse(
                        "backend", stranger, SigningKey.generate(SignatureAlgorithm.ED25519, null));
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(r.headers().firstValue(SignatureError.NAME).isPresent());
        assertFalse(r.headers().firstValue("Accept-Signature").isPresent());
        // a trusted key of another agent does not speak for this one
        HttpResponse<String> other =
                EnrolledAgent.enrollResponse(
                        "backend",
                        JktJwts.demoLongLivedKey("supply-chain"),
                        SigningKey.generate(SignatureAlgorithm.ED25519, null));
        assertEquals(403, other.statusCode(), other.body());
    }

    @Test
    @DisplayName(
            "signature problems are 401 with Signature-Error (and Accept-Signature sigkey=jkt)")
    void badSignatureIsSignatureError() {
        SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        SigningKey notDelegated = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        HttpResponse<String> r =
                post(PERSON + "/aauth/agent-token")
                        .body("{\"agent\":\"backend\"}")
                        .sign(
                                notDelegated,
                                new SignatureKey.JktJwt(
                                        JktJwts.delegation(
                                                JktJwts.demoLongLivedKey("backend"),
                                                shortLived,
                                                Clock.systemUTC(),
                                                300)))
                        .send();
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(
                "invalid_signature",
                SignatureError.parse(r.headers().firstValue(SignatureError.NAME).orElseThrow())
                        .error());
        assertTrue(r.headers().firstValue("Accept-Signature").orElse("").contains("sigkey=jkt"));
        HttpResponse<String> hwk =
                post(PERSON + "/aauth/agent-token")
                        .body("{\"agent\":\"backend\"}")
                        .sign(shortLived, new SignatureKey.Hwk(shortLived.publicJwk()))
                        .send();
        assertEquals(401, hwk.statusCode(), hwk.body());
    }

    @Test
    void malformedEnrollmentBodyIsInvalidRequest() throws Exception {
        SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        HttpResponse<String> r =
                post(PERSON + "/aauth/agent-token")
                        .body("{\"agent\":")
                        .sign(
                                shortLived,
                                new SignatureKey.JktJwt(
                                        JktJwts.delegation(
                                                JktJwts.demoLongLivedKey("backend"),
                                                shortLived,
                                                Clock.systemUTC(),
                                                300)))
                        .send();
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_request", JsonUtil.parseJson(r.body()).get("error"));
    }
}
