package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.AGENT_JWK;
import static dev.aauth.token.Fx.AS;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.T;
import static dev.aauth.token.Fx.assertError;
import static dev.aauth.token.Fx11.MISSION;
import static dev.aauth.token.Fx11.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 token verification, one nested class per section of the draft and one test per step,
 * each named after the clause it proves, with a negative test asserting the exact code.
 */
class Draft11TokenVerificationTest {

    private final Fx11 f = new Fx11();
    private final TokenVerifier v = f.verifier();

    private static Map<String, Object> without(Map<String, Object> c, String name) {
        c.remove(name);
        return c;
    }

    private static Map<String, Object> with(Map<String, Object> c, String name, Object value) {
        c.put(name, value);
        return c;
    }

    @Nested
    @DisplayName("Person Token Verification (-11)")
    class PersonTokenVerification {

        private PersonToken verify(String compact) {
            return v.verifyPersonToken(compact, RESOURCE);
        }

        private void invalid(Map<String, Object> claims) {
            assertError(AAuthError.INVALID_PERSON_TOKEN, () -> verify(Fx11.signPerson(claims)));
        }

        @Test
        @DisplayName("A person token issued by the PS verifies: iss, aud, sub, cnf, mission_s256")
        void issuedPersonTokenVerifies() {
            PersonToken t = f.verifiedPersonToken(MISSION);
            assertEquals(PS, t.issuer());
            assertEquals(RESOURCE, t.audience());
            assertEquals(SUB, t.subject());
            assertEquals(MISSION, t.missionS256());
            assertEquals(AGENT_JWK.thumbprint(), t.cnf().thumbprint());
            assertEquals("Ed25519", t.cnf().alg().orElseThrow());
            assertEquals(TokenType.PERSON, t.type());
        }

        @Test
        @DisplayName("Step 1: \"Verify typ is aa-person+jwt\"")
        void step1Typ() {
            assertError(
                    AAuthError.INVALID_PERSON_TOKEN,
                    () ->
                            verify(
                                    Fx11.sign(
                                            "aa-auth+jwt",
                                            Fx11.personClaims(),
                                            Fx.PS_KEYS.current())));
        }

        @Test
        @DisplayName("Step 2: \"Verify dwk is aauth-person.json\"")
        void step2Dwk() {
            invalid(with(Fx11.personClaims(), "dwk", Dwk.ACCESS));
        }

        @Test
        @DisplayName(
                "Step 2: \"Locate the key matching the JWT header kid and verify the JWT signature\"")
        void step2Signature() {
            assertError(
                    AAuthError.INVALID_PERSON_TOKEN,
                    () ->
                            verify(
                                    Fx11.sign(
                                            "aa-person+jwt",
                                            Fx11.personClaims(),
                                            SigningKey.generate(
                                                    SignatureAlgorithm.ED25519, "ps-1"))));
        }

        @Test
        @DisplayName("Step 3: \"Verify exp is in the future and iat is not in the future\"")
        void step3Time() {
            invalid(with(with(Fx11.personClaims(), "iat", T - 3600), "exp", T));
            invalid(with(with(Fx11.personClaims(), "iat", T + 60), "exp", T + 600));
        }

        @Test
        @DisplayName(
                "Step 4: \"Verify iss is a valid HTTPS URL conforming to the Server Identifier requirements\"")
        void step4Iss() {
            invalid(with(Fx11.personClaims(), "iss", "http://ps.example"));
        }

        @Test
        @DisplayName("Step 5: \"Verify aud matches the resource's own identifier\"")
        void step5Aud() {
            assertError(
                    AAuthError.INVALID_PERSON_TOKEN,
                    () -> v.verifyPersonToken(f.personToken(null), "https://other.example"));
        }

        @Test
        @DisplayName(
                "Step 6: \"cnf.jwk is REQUIRED\" and \"The JWK MUST carry a fully-specified alg member\"")
        void step6Cnf() {
            invalid(without(Fx11.personClaims(), "cnf"));
            invalid(
                    with(
                            Fx11.personClaims(),
                            "cnf",
                            Map.of("jwk", AGENT_JWK.withAlg(null).toMap())));
            invalid(
                    with(
                            Fx11.personClaims(),
                            "cnf",
                            Map.of("jwk", AGENT_JWK.withAlg("EdDSA").toMap())));
        }

        @Test
        @DisplayName("\"Person tokens MUST NOT have a lifetime exceeding 1 hour\"")
        void lifetimeCap() {
            invalid(with(Fx11.personClaims(), "exp", T + 3601));
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            f.ps.personToken(
                                    RESOURCE, SUB, AGENT_JWK, null, null, Duration.ofHours(2), 0));
        }

        @Test
        @DisplayName("\"MUST NOT outlive the agent token presented when the token was requested\"")
        void boundedByAgentToken() {
            MintedToken t =
                    f.ps.personToken(
                            RESOURCE, SUB, AGENT_JWK, null, null, Duration.ofHours(1), T + 600);
            assertEquals(T + 600, t.expiresAt());
        }

        @Test
        @DisplayName("\"A person token MUST NOT contain scope or account\"")
        void noScopeNoAccount() {
            invalid(with(Fx11.personClaims(), "scope", "data.read"));
            invalid(with(Fx11.personClaims(), "account", "acct-1"));
            assertFalse(f.verifiedPersonToken(null).claims().containsKey("scope"));
        }

        @Test
        @DisplayName(
                "\"A recipient MUST reject an aa-person+jwt wherever an auth token is required\"")
        void notAnAuthToken() {
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> v.verifyDraft11AuthToken(f.personToken(null), RESOURCE));
        }

        @Test
        @DisplayName("-11 headers: \"MUST NOT accept ... the polymorphic EdDSA identifier\"")
        void edDsaRefused() {
            assertEquals(SUB, verify(Fx11.signPerson(Fx11.personClaims())).subject());
            assertError(
                    AAuthError.INVALID_PERSON_TOKEN,
                    () ->
                            verify(
                                    Fx11.sign(
                                            "aa-person+jwt",
                                            "EdDSA",
                                            Fx11.personClaims(),
                                            Fx.PS_KEYS.current())));
        }
    }

    @Nested
    @DisplayName("Resource Token Verification (-11, at the PS or AS)")
    class ResourceTokenVerification {

        private Draft11ResourceToken atPs(String compact) {
            return v.verifyDraft11ResourceToken(compact, PS, AGENT_JKT, f.psRecords, null);
        }

        @Test
        @DisplayName(
                "A resource token copies ps, sub, presented_jti and mission_s256 from the person token and carries no agent")
        void copiesThePersonToken() {
            PersonToken person = f.verifiedPersonToken(MISSION);
            Draft11ResourceToken t = atPs(f.resourceToken(person, PS));
            assertEquals(PS, t.ps());
            assertEquals(SUB, t.subject());
            assertEquals(person.jti(), t.presentedJti());
            assertEquals(MISSION, t.missionS256());
            assertFalse(t.claims().containsKey("agent"));
        }

        @Test
        @DisplayName("Step 1: \"Verify typ is aa-resource+jwt\"")
        void step1Typ() {
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            atPs(
                                    Fx11.sign(
                                            "aa-auth+jwt",
                                            Fx11.resourceClaims(),
                                            Fx.RESOURCE_KEYS.current())));
        }

        @Test
        @DisplayName("Step 3: \"Verify exp is in the future\" (expired_resource_token)")
        void step3Expired() {
            String t = f.resourceToken(f.verifiedPersonToken(null), PS);
            f.fx.clock.advance(Duration.ofMinutes(6));
            assertError(AAuthError.EXPIRED_RESOURCE_TOKEN, () -> atPs(t));
        }

        @Test
        @DisplayName("Step 4: \"Verify aud matches the recipient's own identifier\"")
        void step4Aud() {
            String t = f.resourceToken(f.verifiedPersonToken(null), AS);
            assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(t));
        }

        @Test
        @DisplayName(
                "Step 5: \"Verify agent_jkt matches the JWK Thumbprint of the key used to sign the HTTP request\"")
        void step5AgentJkt() {
            String t = f.resourceToken(f.verifiedPersonToken(null), PS);
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            v.verifyDraft11ResourceToken(
                                    t,
                                    PS,
                                    Fx.ATTACKER_KEY.publicJwk().thumbprint(),
                                    f.psRecords,
                                    null));
        }

        @Test
        @DisplayName(
                "Step 6: \"If no record exists ... the PS MUST reject the resource token with unknown_person_token\"")
        void step6UnknownPersonToken() {
            String t = f.resourceToken(f.verifiedPersonToken(null), PS);
            f.records.clear();
            assertError(AAuthError.UNKNOWN_PERSON_TOKEN, () -> atPs(t));
        }

        @Test
        @DisplayName(
                "Step 6: \"verify that ps, sub, mission_s256, and tenant match it exactly\" (mission stripping is refused)")
        void step6MissionStripping() {
            PersonToken person = f.verifiedPersonToken(MISSION);
            PersonContext stripped =
                    new PersonContext(person.issuer(), person.subject(), person.jti(), null, null);
            String t =
                    f.resource
                            .resourceToken(
                                    PS,
                                    stripped,
                                    AGENT_JKT,
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(t));
            PersonContext otherSub =
                    new PersonContext(person.issuer(), "someone-else", person.jti(), MISSION, null);
            String t2 =
                    f.resource
                            .resourceToken(
                                    PS,
                                    otherSub,
                                    AGENT_JKT,
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            assertError(AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(t2));
        }

        @Test
        @DisplayName(
                "Step 6: \"An AS MUST verify that ps names the PS that sent the token request\"")
        void step6AsChecksPs() {
            String t = f.resourceToken(f.verifiedPersonToken(null), AS);
            assertEquals(PS, v.verifyDraft11ResourceToken(t, AS, AGENT_JKT, null, PS).ps());
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            v.verifyDraft11ResourceToken(
                                    t, AS, AGENT_JKT, null, "https://other.example"));
        }

        @Test
        @DisplayName("ps, sub and presented_jti are REQUIRED")
        void requiredClaims() {
            for (String claim : List.of("ps", "sub", "presented_jti", "agent_jkt", "scope")) {
                assertError(
                        AAuthError.INVALID_RESOURCE_TOKEN,
                        () -> atPs(Fx11.signResource(without(Fx11.resourceClaims(), claim))));
            }
        }

        @Test
        @DisplayName(
                "Never mix: a draft-01 resource token (with agent) is refused at the -11 verifier, naming the draft")
        void draft01ResourceTokenRefused() {
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_RESOURCE_TOKEN, () -> atPs(f.fx.resourceToken()));
            assertTrue(e.detail().contains("draft-01"), e.detail());
            assertTrue(e.detail().contains("draft-11 is expected"), e.detail());
        }

        @Test
        @DisplayName(
                "Never mix: a draft-11 resource token is refused by the draft-01 verifier, naming the draft")
        void draft11ResourceTokenRefusedByDraft01() {
            String t = f.resourceToken(f.verifiedPersonToken(null), PS);
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_RESOURCE_TOKEN,
                            () ->
                                    f.fx.uncached()
                                            .verifyResourceToken(t, PS, Fx.AGENT, AGENT_JKT, null));
            assertTrue(e.detail().contains("draft-11"), e.detail());
        }
    }

    @Nested
    @DisplayName("Resource Challenge Verification (-11, at the agent)")
    class ResourceChallengeVerification {

        @Test
        @DisplayName(
                "Steps 3-6: iss is the resource called, agent_jkt this agent's key, ps this agent's PS, sub the person token's")
        void steps() {
            String t = f.resourceToken(f.verifiedPersonToken(null), PS);
            assertEquals(
                    SUB,
                    v.verifyDraft11ResourceChallenge(t, RESOURCE, AGENT_JKT, PS, SUB).subject());
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            v.verifyDraft11ResourceChallenge(
                                    t, "https://other.example", AGENT_JKT, PS, SUB));
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> v.verifyDraft11ResourceChallenge(t, RESOURCE, "x", PS, SUB));
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> v.verifyDraft11ResourceChallenge(t, RESOURCE, AGENT_JKT, AS, SUB));
            assertError(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> v.verifyDraft11ResourceChallenge(t, RESOURCE, AGENT_JKT, PS, "other"));
        }
    }

    @Nested
    @DisplayName("Auth Token Verification (-11, at the resource)")
    class AuthTokenVerification {

        private void invalid(Map<String, Object> claims) {
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> v.verifyDraft11AuthToken(Fx11.signAuth(claims), RESOURCE));
        }

        @Test
        @DisplayName(
                "An auth token carries ps and a REQUIRED sub, no agent, no act; mission_s256 echoed")
        void issuedAuthToken() {
            Draft11AuthToken t = v.verifyDraft11AuthToken(f.authToken(MISSION), RESOURCE);
            assertEquals(PS, t.ps());
            assertEquals(SUB, t.subject());
            assertEquals(MISSION, t.missionS256());
            assertFalse(t.claims().containsKey("agent"));
            assertFalse(t.claims().containsKey("act"));
            assertEquals("Ed25519", t.cnf().alg().orElseThrow());
        }

        @Test
        @DisplayName("Step 1: \"Verify typ is aa-auth+jwt\"")
        void step1Typ() {
            assertError(
                    AAuthError.INVALID_JWT,
                    () ->
                            v.verifyDraft11AuthToken(
                                    Fx11.sign(
                                            "aa-agent+jwt",
                                            Fx11.authClaims(),
                                            Fx.PS_KEYS.current()),
                                    RESOURCE));
        }

        @Test
        @DisplayName("Step 3: \"Verify exp is in the future\" (expired_jwt)")
        void step3Expired() {
            String t = f.authToken(null);
            f.fx.clock.advance(Duration.ofHours(2));
            assertError(AAuthError.EXPIRED_JWT, () -> v.verifyDraft11AuthToken(t, RESOURCE));
        }

        @Test
        @DisplayName("Step 5: \"Verify aud matches the resource's own identifier\"")
        void step5Aud() {
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> v.verifyDraft11AuthToken(f.authToken(null), "https://other.example"));
        }

        @Test
        @DisplayName("Step 6: \"cnf.jwk is REQUIRED\", with its fully-specified alg")
        void step6Cnf() {
            invalid(without(Fx11.authClaims(), "cnf"));
            invalid(
                    with(
                            Fx11.authClaims(),
                            "cnf",
                            Map.of("jwk", Map.of("kty", "OKP", "crv", "Ed25519"))));
            invalid(with(Fx11.authClaims(), "cnf", Map.of("jwk", AGENT_JWK.withAlg(null).toMap())));
        }

        @Test
        @DisplayName("Step 7: \"Verify sub is present\"")
        void step7Sub() {
            invalid(without(Fx11.authClaims(), "sub"));
        }

        @Test
        @DisplayName("\"ps: ... Equal to iss when a PS issued the token\"")
        void psIsIss() {
            invalid(without(Fx11.authClaims(), "ps"));
            invalid(with(Fx11.authClaims(), "ps", AS));
        }

        @Test
        @DisplayName("\"Auth tokens MUST NOT have a lifetime exceeding 1 hour\"")
        void lifetimeCap() {
            invalid(with(Fx11.authClaims(), "exp", T + 3601));
        }

        @Test
        @DisplayName(
                "Never mix: a draft-01 auth token (agent, act) is refused at the -11 verifier, naming the draft")
        void draft01AuthTokenRefused() {
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_JWT,
                            () -> v.verifyDraft11AuthToken(f.fx.authToken(), RESOURCE));
            assertTrue(e.detail().contains("draft-01"), e.detail());
        }

        @Test
        @DisplayName(
                "Never mix: a draft-11 auth token at a draft-01 resource is refused, naming the draft")
        void draft11AuthTokenRefusedByDraft01() {
            String t = f.authToken(null);
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_JWT,
                            () -> f.fx.uncached().verifyAuthToken(t, RESOURCE));
            assertTrue(e.detail().contains("draft-11"), e.detail());
        }
    }

    @Nested
    @DisplayName("Auth Token Response Verification (-11, at the agent)")
    class AuthTokenResponseVerification {

        @Test
        @DisplayName(
                "Steps 2-5: iss is the resource token's aud, aud the resource, cnf.jwk the agent's key, sub the person token's")
        void steps() {
            String t = f.authToken(null);
            assertEquals(
                    SUB,
                    v.verifyDraft11AuthTokenResponse(t, PS, RESOURCE, AGENT_JWK, SUB).subject());
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> v.verifyDraft11AuthTokenResponse(t, AS, RESOURCE, AGENT_JWK, SUB));
            assertError(
                    AAuthError.INVALID_JWT,
                    () ->
                            v.verifyDraft11AuthTokenResponse(
                                    t, PS, "https://other.example", AGENT_JWK, SUB));
            assertError(
                    AAuthError.INVALID_JWT,
                    () ->
                            v.verifyDraft11AuthTokenResponse(
                                    t, PS, RESOURCE, Fx.ATTACKER_KEY.publicJwk(), SUB));
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> v.verifyDraft11AuthTokenResponse(t, PS, RESOURCE, AGENT_JWK, "x"));
        }
    }

    @Nested
    @DisplayName("Signature Algorithms (-10/-11) on tokens")
    class Algorithms {

        @Test
        @DisplayName("-11 issuers write the fully specified alg Ed25519 and a cnf.jwk with alg")
        void issuerWritesFullySpecified() {
            String agent = f.agentToken();
            assertEquals("Ed25519", Jws.parse(agent).alg());
            AgentToken t = v.verifyAgentToken(agent);
            assertEquals("Ed25519", t.cnf().alg().orElseThrow());
            assertEquals(
                    "ES256",
                    Jws.parse(
                                    f.as.agentToken(
                                                    "aauth:x@as.example",
                                                    AGENT_JWK,
                                                    null,
                                                    Duration.ofHours(1),
                                                    Map.of())
                                            .compact())
                            .alg());
        }

        @Test
        @DisplayName(
                "\"The polymorphic EdDSA identifier MUST NOT be used\": a draft-01 agent token (EdDSA) is refused under -11, naming the draft")
        void edDsaAgentTokenRefused() {
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_JWT, () -> v.verifyAgentToken(f.fx.agentToken()));
            assertTrue(e.detail().contains("draft-01"), e.detail());
        }

        @Test
        @DisplayName(
                "EdDSA is refused on -11-shaped tokens too (an auth token without agent signed EdDSA)")
        void edDsaOnDraft11Shape() {
            assertError(
                    AAuthError.INVALID_JWT,
                    () ->
                            v.verifyDraft11AuthToken(
                                    Fx11.sign(
                                            "aa-auth+jwt",
                                            "EdDSA",
                                            Fx11.authClaims(),
                                            Fx.PS_KEYS.current()),
                                    RESOURCE));
        }

        @Test
        @DisplayName(
                "\"A cnf JWK MUST carry a fully-specified alg\": an agent token whose cnf.jwk has no alg is refused under -11")
        void cnfWithoutAlgRefused() {
            Map<String, Object> c = Fx.agentClaims();
            c.put("cnf", Map.of("jwk", AGENT_JWK.withAlg(null).toMap()));
            assertError(
                    AAuthError.INVALID_JWT,
                    () ->
                            v.verifyAgentToken(
                                    Fx11.sign("aa-agent+jwt", c, Fx.AGENT_KEYS.current())));
        }

        @Test
        @DisplayName(
                "\"Every key an AAuth server publishes at its jwks_uri MUST carry a fully-specified alg\": an issuer key without alg is refused")
        void issuerKeyWithoutAlgRefused() {
            IssuerKeyResolver noAlg =
                    (iss, dwk, kid) -> f.local.resolve(iss, dwk, kid).withAlg(null);
            TokenVerifier strict =
                    new TokenVerifier(
                            noAlg,
                            f.fx.clock,
                            SecurityMode.STRICT,
                            VerifiedTokenCache.disabled(f.fx.clock),
                            TokenVerifier.DEFAULT_IAT_LEEWAY,
                            AAuthProfile.DRAFT_11);
            assertError(AAuthError.INVALID_JWT, () -> strict.verifyAgentToken(f.agentToken()));
        }

        @Test
        @DisplayName("The draft-01 verifier refuses a person token, naming the draft")
        void draft01RefusesPersonTokens() {
            AAuthException e =
                    assertError(
                            AAuthError.INVALID_JWT,
                            () ->
                                    f.fx.uncached()
                                            .verifySignatureKeyJwt(
                                                    f.personToken(null),
                                                    EnumSet.of(TokenType.AGENT, TokenType.AUTH)));
            assertTrue(e.detail().contains("draft-11"), e.detail());
        }

        @Test
        @DisplayName("An ES256 agent token is valid under both drafts (no profile signal)")
        void es256AgentTokenIsNeutral() {
            String ap = "https://es.example";
            dev.aauth.jose.ServerKeySet keys =
                    new dev.aauth.jose.ServerKeySet(
                            SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, "es-1"));
            dev.aauth.jose.Jwk agentKey =
                    SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null).publicJwk();
            String t =
                    new TokenIssuer(ap, keys, f.fx.clock)
                            .agentToken(
                                    "aauth:x@es.example",
                                    agentKey,
                                    null,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            assertTrue(dev.aauth.draft.ProfileSignal.of(Jws.parse(t)).isEmpty());
            for (AAuthProfile p : AAuthProfile.values()) {
                TokenVerifier both =
                        new TokenVerifier(
                                LocalKeyResolver.builder()
                                        .add(ap, Dwk.AGENT, keys)
                                        .profile(p)
                                        .build(),
                                f.fx.clock,
                                SecurityMode.STRICT,
                                VerifiedTokenCache.disabled(f.fx.clock),
                                TokenVerifier.DEFAULT_IAT_LEEWAY,
                                p);
                assertEquals("aauth:x@es.example", both.verifyAgentToken(t).agent());
            }
        }

        @Test
        @DisplayName("-01 entry points are refused on -11 verifiers and issuers (and the reverse)")
        void entryPointsGuarded() {
            assertThrows(
                    IllegalStateException.class,
                    () -> v.verifyAuthToken(f.authToken(null), RESOURCE));
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            f.ps.resourceToken(
                                    PS,
                                    Fx.AGENT,
                                    AGENT_JKT,
                                    List.of("x"),
                                    null,
                                    Duration.ofMinutes(1)));
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            f.fx.ps.personToken(
                                    RESOURCE,
                                    SUB,
                                    AGENT_JWK,
                                    null,
                                    null,
                                    Duration.ofMinutes(1),
                                    0));
            assertNull(AAuthProfile.fromId("draft-05").orElse(null));
        }
    }
}
