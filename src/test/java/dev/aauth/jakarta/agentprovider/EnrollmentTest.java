package dev.aauth.jakarta.agentprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AgentProviderSettings;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AgentToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Remote enrollment at the Agent Provider, and the agent tokens it issues. */
class EnrollmentTest {

    final AAuthFixture fx = new AAuthFixture();
    final SigningKey longLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
    final SigningKey shortLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);
    final AgentProviderSettings settings =
            new AgentProviderSettings(
                    Optional.of("Demo"),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.of(AAuthFixture.PS),
                    Duration.ofHours(2),
                    Map.of("backend", Set.of(longLived.publicJwk().thumbprint())));
    final AgentTokens tokens =
            new AgentTokens(new TokenIssuer(AAuthFixture.AP, fx.apKeys, fx.clock), settings);
    final Enrollment enrollment = new Enrollment(tokens, settings);
    final AAuthRequestVerifier verifier =
            fx.verifier(
                    AgentProviderProducers.enrollmentPolicy(),
                    VerifiedTokenCache.disabled(fx.clock));

    VerifiedRequest signed(SigningKey signer, SignatureKey key) {
        AAuthFixture.Request r =
                new AAuthFixture.Request("POST", AAuthFixture.AP + "/aauth/agent-token");
        r.apply(
                new AAuthRequestSigner(signer, fx.clock)
                        .sign(r.method, r.target, r.lookup(), key, List.of()));
        return verifier.verify(r.message());
    }

    VerifiedRequest delegated(SigningKey from) {
        return signed(
                shortLived,
                new SignatureKey.JktJwt(JktJwts.delegation(from, shortLived, fx.clock, 600)));
    }

    static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName(
            "a trusted long-lived key delegating to a short-lived one gets an agent token for the short-lived key")
    void trustedKeyGetsAnAgentTokenForTheShortLivedKey() {
        Enrollment.Outcome o =
                enrollment.enroll(delegated(longLived), body("{\"agent\":\"backend\"}"));
        assertNull(o.refusal());
        AgentToken t =
                fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock))
                        .verifyAgentToken(o.token().compact());
        assertEquals("aauth:backend@agents.example", t.agent());
        assertEquals(shortLived.publicJwk().thumbprint(), t.cnf().thumbprint());
        assertEquals(AAuthFixture.PS, t.ps());
        assertEquals(7200, t.expiresAt() - t.issuedAt());
    }

    @Test
    @DisplayName("authenticated but not trusted: refused (403), never a token")
    void untrustedKeyIsRefused() {
        SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        assertTrue(
                enrollment
                        .enroll(delegated(stranger), body("{\"agent\":\"backend\"}"))
                        .isRefused());
    }

    @Test
    void trustedKeyIsTrustedOnlyForItsOwnAgent() {
        assertTrue(
                enrollment.enroll(delegated(longLived), body("{\"agent\":\"other\"}")).isRefused());
    }

    @Test
    void malformedBodyIsInvalidRequest() {
        VerifiedRequest v = delegated(longLived);
        for (String json : List.of("", "{", "{}", "{\"agent\":7}", "{\"agent\":\"Back End\"}")) {
            AAuthException e =
                    assertThrows(
                            AAuthException.class, () -> enrollment.enroll(v, body(json)), json);
            assertEquals(AAuthError.INVALID_REQUEST, e.error());
        }
    }

    @Test
    @DisplayName("enrollment accepts only the jkt-jwt scheme: hwk is a Signature-Error")
    void otherSchemesAreSignatureErrors() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> signed(longLived, new SignatureKey.Hwk(longLived.publicJwk())));
        assertEquals(AAuthError.Family.SIGNATURE, e.error().family());
    }

    @Test
    @DisplayName(
            "Agent tokens SHOULD NOT have a lifetime exceeding 24 hours; iss is the AP, sub aauth:local@domain")
    void inProcessAgentTokens() {
        AgentTokens local =
                new AgentTokens(
                        new TokenIssuer(
                                "http://localhost:9080",
                                new ServerKeySet(
                                        SigningKey.generate(SignatureAlgorithm.ED25519, "k")),
                                fx.clock),
                        settings);
        assertEquals("aauth:backend@localhost:9080", local.agentId("backend"));
        assertNull(local.agentId("Back End"));
        assertThrows(
                IllegalArgumentException.class,
                () -> local.issue("Back End", shortLived.publicJwk()));
        assertEquals(7200, local.issue("backend", shortLived.publicJwk()).lifetimeSeconds());
    }

    final AgentTokens bothDrafts =
            new AgentTokens(
                    List.of(
                            new TokenIssuer(AAuthFixture.AP, fx.apKeys, fx.clock),
                            new TokenIssuer(
                                    AAuthFixture.AP, fx.apKeys, fx.clock, AAuthProfile.DRAFT_11)),
                    settings);

    @Test
    @DisplayName(
            "-11: an enrollment asking for draft-11 gets a -11 agent token: JWS alg Ed25519 (\"EdDSA MUST NOT be used\"), cnf.jwk with a fully specified alg (\"The JWK MUST carry a fully-specified alg member\")")
    void draft11EnrollmentGetsADraft11AgentToken() {
        Enrollment.Outcome o =
                new Enrollment(bothDrafts, settings)
                        .enroll(
                                delegated(longLived),
                                body("{\"agent\":\"backend\",\"draft\":\"draft-11\"}"));
        ParsedJws jws = Jws.parse(o.token().compact());
        assertEquals("Ed25519", jws.alg());
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) jws.claims().get("cnf");
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = (Map<String, Object>) cnf.get("jwk");
        assertEquals("Ed25519", jwk.get("alg"));
        assertEquals("aauth:backend@agents.example", jws.claims().get("sub"));
        assertEquals(AAuthProfile.DRAFT_11, ProfileSignal.of(jws).orElseThrow().profile());
    }

    @Test
    @DisplayName(
            "without a draft member the preferred draft's agent token: draft-01 unchanged (EdDSA)")
    void enrollmentWithoutDraftKeepsDraft01() {
        Enrollment.Outcome o =
                new Enrollment(bothDrafts, settings)
                        .enroll(delegated(longLived), body("{\"agent\":\"backend\"}"));
        assertEquals("EdDSA", Jws.parse(o.token().compact()).alg());
    }

    @Test
    @DisplayName(
            "a draft this Agent Provider does not issue, or not a draft name, is invalid_request, never a token of the other draft")
    void unknownOrUnservedDraftIsInvalidRequest() {
        VerifiedRequest v = delegated(longLived);
        for (String draft : List.of("\"draft-11\"", "\"draft-07\"", "11")) {
            String json = "{\"agent\":\"backend\",\"draft\":" + draft + "}";
            AAuthException e =
                    assertThrows(
                            AAuthException.class, () -> enrollment.enroll(v, body(json)), json);
            assertEquals(AAuthError.INVALID_REQUEST, e.error());
        }
    }
}
