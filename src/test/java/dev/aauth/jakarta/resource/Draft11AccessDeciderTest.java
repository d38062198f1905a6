package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.jose.Jws;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 at a resource ("Resource Access and Resource Tokens", "Person Token Verification",
 * "Auth Token Verification"), decided by the same {@link AccessDecider} as draft-01, over the
 * in-memory world of {@link Draft11Fixture}: the core's issuers and verifiers, keys resolved in
 * process.
 */
class Draft11AccessDeciderTest {

    static final Protection READ = AccessDeciderTest.READ;
    static final Protection IDENTITY = AccessDeciderTest.IDENTITY;

    final Draft11Fixture x = new Draft11Fixture();

    static ResourceSettings settings() {
        return AccessDeciderTest.settings(AccessLevel.IDENTITY, Set.of(), Optional.empty());
    }

    AccessDecider both() {
        return x.both(settings());
    }

    static Decision decide(AccessDecider d, AAuthFixture.Request r, Protection p) {
        return d.decide(r.message(), p, () -> new byte[0]);
    }

    static Decision.Challenged challenged(Decision d) {
        return assertInstanceOf(Decision.Challenged.class, d, d::reason);
    }

    static void assertRequired(Class<? extends AAuthRequirement> kind, Decision d) {
        Decision.Required r = assertInstanceOf(Decision.Required.class, d, d::reason);
        assertInstanceOf(kind, r.requirement());
        assertEquals(AAuthProfile.DRAFT_11, r.request().profile());
    }

    static AAuthError failure(Decision d) {
        return assertInstanceOf(Decision.Failed.class, d, d::reason).error().error();
    }

    /** The person token, then the challenge it earns, then the PS's auth token for it. */
    String authTokenFor(AccessDecider d, List<String> scope) {
        MintedToken person = x.personToken(Draft11Fixture.SUB, null, null);
        Decision c = decide(d, x.get(person.compact()), READ);
        return x.authToken11(x.atPs(challenged(c).resourceToken().compact()), scope);
    }

    @Nested
    @DisplayName(
            "-11 \"A resource MUST have verified a person token before it issues a resource token,"
                    + " and MUST challenge with requirement=person-token when it has not\"")
    class PersonTokenRequired {

        @Test
        void draft11AgentTokenWhereAnAuthTokenIsNeededIsChallengedForAPersonToken() {
            assertRequired(
                    AAuthRequirement.PersonTokenRequired.class,
                    decide(both(), x.get(x.agentToken11()), READ));
        }

        @Test
        @DisplayName("-11 the header is exactly requirement=person-token (no parameters)")
        void draft11PersonTokenRequirementHeader() {
            Decision.Required r =
                    assertInstanceOf(
                            Decision.Required.class, decide(both(), x.get(x.agentToken11()), READ));
            assertEquals("requirement=person-token", r.requirement().serialize());
            assertEquals("person_token_required", r.reason());
            assertEquals("challenged", r.result());
        }

        @Test
        @DisplayName("-11 identity-level protection still accepts the agent token")
        void draft11AgentTokenAtIdentityLevelIsAllowed() {
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class,
                            decide(both(), x.get(x.agentToken11()), IDENTITY));
            assertEquals(AAuthCaller.Level.IDENTIFIED, a.callerLevel());
            assertEquals(AAuthFixture.AGENT, a.request().identity());
            assertEquals(AAuthProfile.DRAFT_11, a.request().profile());
        }

        @Test
        @DisplayName("-11 aauth.resource.require=auth-token raises identity endpoints for -11 too")
        void draft11ResourceWideFloorAppliesToDraft11() {
            AccessDecider d =
                    x.both(
                            AccessDeciderTest.settings(
                                    AccessLevel.AUTH_TOKEN, Set.of(), Optional.empty()));
            assertRequired(
                    AAuthRequirement.PersonTokenRequired.class,
                    decide(d, x.get(x.agentToken11()), IDENTITY));
        }
    }

    @Nested
    @DisplayName(
            "-11 \"Auth Token Required\": a verified person token earns requirement=auth-token"
                    + " with a -11 resource token")
    class ResourceTokenStructure {

        @Test
        @DisplayName(
                "-11 \"Resource Token Structure\": iss, dwk, aud = the person token's iss, ps, sub,"
                        + " presented_jti, agent_jkt, scope; no agent; at most 5 minutes")
        void draft11ResourceTokenCarriesThePersonNotTheAgent() {
            MintedToken person = x.personToken(Draft11Fixture.SUB, null, null);
            Decision d = decide(both(), x.get(person.compact()), READ);
            Decision.Challenged c = challenged(d);
            Draft11ResourceToken rt = x.atPs(c.resourceToken().compact());
            assertEquals(AAuthFixture.RESOURCE, rt.issuer());
            assertEquals(AAuthFixture.PS, rt.audience());
            assertEquals(AAuthFixture.PS, rt.ps());
            assertEquals(Draft11Fixture.SUB, rt.subject());
            assertEquals(person.jti(), rt.presentedJti());
            assertEquals(x.f.agentKey.publicJwk().thumbprint(), rt.agentJkt());
            assertEquals(List.of("supply-chain:read"), rt.scope());
            assertEquals(300, rt.expiresAt() - rt.issuedAt());
            assertFalse(rt.claims().containsKey("agent"));
            assertEquals("auth_token_required", c.reason());
            assertEquals(AAuthProfile.DRAFT_11, c.request().profile());
        }

        @Test
        @DisplayName(
                "-11 \"mission_s256: REQUIRED when the person token carried one, copied unchanged\";"
                        + " \"tenant: Copied from the person token\"")
        void draft11MissionAndTenantAreCopied() {
            MintedToken person = x.personToken(Draft11Fixture.SUB, Draft11Fixture.MISSION, "acme");
            Draft11ResourceToken rt =
                    x.atPs(
                            challenged(decide(both(), x.get(person.compact()), READ))
                                    .resourceToken()
                                    .compact());
            assertEquals(Draft11Fixture.MISSION, rt.missionS256());
            assertEquals("acme", rt.tenant());
        }

        @Test
        @DisplayName(
                "-11 \"A recipient MUST reject an aa-person+jwt wherever an auth token is"
                        + " required\": never allowed, also where the endpoint names no scope")
        void draft11PersonTokenIsRefusedWhereAnAuthTokenIsRequired() {
            Protection none = new Protection(AccessLevel.AUTH_TOKEN, List.of(), "test");
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            Decision d = decide(both(), x.get(person), none);
            assertFalse(d instanceof Decision.Allowed);
            assertEquals(
                    List.of("supply-chain:check", "supply-chain:read"),
                    x.atPs(challenged(d).resourceToken().compact()).scope());
        }

        @Test
        @DisplayName("-11 a person token identifies the person at identity level")
        void draft11PersonTokenAtIdentityLevelIsAllowed() {
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class, decide(both(), x.get(person), IDENTITY));
            assertEquals(AAuthCaller.Level.IDENTIFIED, a.callerLevel());
            // "no token a resource reads carries an agent identifier": the key's thumbprint URI
            assertEquals(x.f.agentKey.publicJwk().thumbprintUri(), a.request().identity());
        }

        @Test
        @DisplayName("-11 \"If the resource has its own AS: aud = AS URL (four-party)\"")
        void draft11AccessServerIsTheAudience() {
            AccessDecider d =
                    x.both(
                            AccessDeciderTest.settings(
                                    AccessLevel.IDENTITY,
                                    Set.of(),
                                    Optional.of("https://as.example")));
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            Decision.Challenged c = challenged(decide(d, x.get(person), READ));
            assertEquals("https://as.example", c.audience());
            assertEquals(
                    "https://as.example",
                    Jws.parse(c.resourceToken().compact()).claims().get("aud"));
        }

        @Test
        @DisplayName("-11 a person token of an untrusted Person Server: 403, no resource token")
        void draft11UntrustedPersonServerIsForbidden() {
            AccessDecider d =
                    x.both(
                            AccessDeciderTest.settings(
                                    AccessLevel.IDENTITY,
                                    Set.of("https://other-ps.example"),
                                    Optional.empty()));
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            Decision.Denied denied =
                    assertInstanceOf(Decision.Denied.class, decide(d, x.get(person), READ));
            assertEquals("untrusted_person_server", denied.reason());
        }
    }

    @Nested
    @DisplayName("-11 \"Person Token Verification\": any failure is a 401 with Signature-Error")
    class PersonTokenVerification {

        @Test
        @DisplayName("-11 step 3 \"Verify exp is in the future\": expired_jwt")
        void draft11ExpiredPersonTokenIsExpiredJwt() {
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            x.f.clock.advance(Duration.ofHours(2));
            Decision d = decide(both(), x.get(person), READ);
            assertEquals(AAuthError.EXPIRED_JWT, failure(d));
            assertEquals(401, ((Decision.Failed) d).error().status());
            assertEquals(AAuthProfile.DRAFT_11, ((Decision.Failed) d).profile());
        }

        @Test
        @DisplayName("-11 step 5 \"Verify aud matches the resource's own identifier\": invalid_jwt")
        void draft11PersonTokenForAnotherResourceIsInvalidJwt() {
            String person =
                    x.ps11.personToken(
                                    "https://other-resource.example",
                                    Draft11Fixture.SUB,
                                    x.f.agentKey.publicJwk(),
                                    null,
                                    null,
                                    Duration.ofHours(1),
                                    0)
                            .compact();
            assertEquals(AAuthError.INVALID_JWT, failure(decide(both(), x.get(person), READ)));
        }

        @Test
        @DisplayName(
                "-11 step 6 \"cnf.jwk ... Verify it matches the key used to sign the HTTP"
                        + " request\": signed by another key, the signature does not verify")
        void draft11PersonTokenOfAnotherKeyFails() {
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            Decision d = decide(both(), x.getSignedByOtherKey(person), READ);
            assertEquals(AAuthError.INVALID_SIGNATURE, failure(d));
            assertEquals(401, ((Decision.Failed) d).error().status());
        }

        @Test
        @DisplayName(
                "-11 \"Implementations MUST NOT accept none, the polymorphic EdDSA identifier\":"
                        + " an EdDSA person token is invalid_jwt")
        void draft11EdDsaPersonTokenIsRefused() {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "EdDSA");
            header.put("typ", TokenType.PERSON.typ());
            header.put("kid", x.f.psKeys.current().kid().orElseThrow());
            String good = x.personToken(Draft11Fixture.SUB, null, null).compact();
            String eddsa = Jws.sign(header, Jws.parse(good).claims(), x.f.psKeys.current());
            Decision d = decide(both(), x.get(eddsa), READ);
            assertEquals(AAuthError.INVALID_JWT, failure(d));
            assertTrue(
                    ((Decision.Failed) d).error().detail().contains("EdDSA"),
                    ((Decision.Failed) d).error().detail());
        }

        @Test
        @DisplayName(
                "-11 \"Implementations MUST NOT accept ... EdDSA\": an EdDSA agent token at a"
                        + " resource serving only draft-11 is refused, naming the drafts")
        void draft11OnlyResourceRefusesEdDsaAgentToken() {
            AccessDecider d = x.decider(settings(), AAuthProfile.DRAFT_11);
            Decision r = decide(d, x.get(x.f.agentToken()), IDENTITY);
            assertEquals(AAuthError.INVALID_JWT, failure(r));
            String detail = ((Decision.Failed) r).error().detail();
            assertTrue(detail.contains("draft-01") && detail.contains("draft-11"), detail);
        }
    }

    @Nested
    @DisplayName("-11 \"Auth Token Verification\" and step-up")
    class AuthTokens {

        @Test
        @DisplayName("-11 an auth token (aud this resource, ps, sub, cnf) grants its scopes")
        void draft11AuthTokenGrantingTheScopesIsAllowed() {
            AccessDecider d = both();
            String auth = authTokenFor(d, List.of("supply-chain:read"));
            Decision.Allowed a =
                    assertInstanceOf(Decision.Allowed.class, decide(d, x.get(auth), READ));
            assertEquals(AAuthCaller.Level.AUTHORIZED, a.callerLevel());
            assertEquals("authorized", a.level());
            assertEquals(Draft11Fixture.SUB, a.request().draft11AuthToken().subject());
            assertEquals(AAuthProfile.DRAFT_11, a.request().profile());
        }

        @Test
        @DisplayName(
                "-11 step-up: \"the resource supplies the value [presented_jti] from its record of"
                        + " the person token it verified earlier\"")
        void draft11StepUpTakesPresentedJtiFromTheRememberedPersonToken() {
            AccessDecider d = both();
            MintedToken person = x.personToken(Draft11Fixture.SUB, Draft11Fixture.MISSION, null);
            Decision first = decide(d, x.get(person.compact()), READ);
            String auth =
                    x.authToken11(
                            x.atPs(challenged(first).resourceToken().compact()),
                            List.of("supply-chain:check"));
            Decision.Challenged c = challenged(decide(d, x.get(auth), READ));
            assertEquals("insufficient_scope", c.reason());
            Draft11ResourceToken rt = x.atPs(c.resourceToken().compact());
            assertEquals(person.jti(), rt.presentedJti());
            assertEquals(Draft11Fixture.SUB, rt.subject());
            assertEquals(Draft11Fixture.MISSION, rt.missionS256());
            assertEquals(List.of("supply-chain:check", "supply-chain:read"), rt.scope());
        }

        @Test
        @DisplayName(
                "-11 step-up with no person token on record (another instance, forgotten):"
                        + " requirement=person-token, never a resource token without presented_jti")
        void draft11StepUpWithoutARecordAsksForAPersonToken() {
            String auth = authTokenFor(both(), List.of("supply-chain:check"));
            // a fresh decider has no record of the person token
            assertRequired(
                    AAuthRequirement.PersonTokenRequired.class, decide(both(), x.get(auth), READ));
        }

        @Test
        @DisplayName(
                "-11 \"MUST NOT match a sub received from one issuer against a record established"
                        + " under another\": the record is keyed by key, ps and sub")
        void draft11RecordOfAnotherPersonIsNotUsed() {
            AccessDecider d = both();
            String auth = authTokenFor(d, List.of("supply-chain:check"));
            PersonTokenMemory m = d.persons();
            String jkt = x.f.agentKey.publicJwk().thumbprint();
            assertTrue(m.find(jkt, AAuthFixture.PS, Draft11Fixture.SUB).isPresent());
            assertTrue(m.find(jkt, "https://other-ps.example", Draft11Fixture.SUB).isEmpty());
            assertTrue(m.find("other-jkt", AAuthFixture.PS, Draft11Fixture.SUB).isEmpty());
            assertTrue(m.find(jkt, AAuthFixture.PS, "other-sub").isEmpty());
            assertInstanceOf(Decision.Challenged.class, decide(d, x.get(auth), READ));
        }

        @Test
        @DisplayName("-11 an auth token of an untrusted issuer: 403 untrusted_issuer")
        void draft11UntrustedIssuerIsForbidden() {
            String auth = authTokenFor(both(), List.of("supply-chain:read"));
            AccessDecider strict =
                    x.both(
                            AccessDeciderTest.settings(
                                    AccessLevel.IDENTITY,
                                    Set.of("https://other-ps.example"),
                                    Optional.empty()));
            Decision.Denied denied =
                    assertInstanceOf(Decision.Denied.class, decide(strict, x.get(auth), READ));
            assertEquals("untrusted_issuer", denied.reason());
        }

        @Test
        @DisplayName("-11 a revoked auth token (iss, jti) is invalid_jwt")
        void draft11RevokedAuthTokenIsInvalidJwt() {
            AccessDecider d = both();
            String auth = authTokenFor(d, List.of("supply-chain:read"));
            x.revocations.revoke(
                    AAuthFixture.PS, (String) Jws.parse(auth).claims().get("jti"), Long.MAX_VALUE);
            assertEquals(AAuthError.INVALID_JWT, failure(decide(d, x.get(auth), READ)));
        }

        @Test
        @DisplayName("-11 an expired auth token is expired_jwt")
        void draft11ExpiredAuthTokenIsExpiredJwt() {
            AccessDecider d = both();
            String auth = authTokenFor(d, List.of("supply-chain:read"));
            x.f.clock.advance(Duration.ofHours(1));
            assertEquals(AAuthError.EXPIRED_JWT, failure(decide(d, x.get(auth), READ)));
        }
    }

    @Nested
    @DisplayName("-11 beside -01: \"never mix within one flow\"")
    class CrossDraft {

        @Test
        @DisplayName(
                "a -11 auth token at a resource serving only draft-01 is refused naming the draft")
        void draft11AuthTokenAtDraft01OnlyResourceIsRefused() {
            String auth = authTokenFor(both(), List.of("supply-chain:read"));
            AccessDecider only01 = x.decider(settings(), AAuthProfile.DRAFT_01);
            Decision.Failed f =
                    assertInstanceOf(Decision.Failed.class, decide(only01, x.get(auth), READ));
            assertEquals(AAuthError.INVALID_JWT, f.error().error());
            assertEquals(AAuthProfile.DRAFT_01, f.profile());
            assertTrue(f.error().detail().contains("draft-11"), f.error().detail());
            assertTrue(f.error().detail().contains("draft-01 is expected"), f.error().detail());
        }

        @Test
        @DisplayName(
                "a -01 auth token at a resource serving only draft-11 is refused naming the draft")
        void draft01AuthTokenAtDraft11OnlyResourceIsRefused() {
            String auth = x.f.authToken(List.of("supply-chain:read"));
            AccessDecider only11 = x.decider(settings(), AAuthProfile.DRAFT_11);
            Decision.Failed f =
                    assertInstanceOf(Decision.Failed.class, decide(only11, x.get(auth), READ));
            assertEquals(AAuthError.INVALID_JWT, f.error().error());
            assertEquals(AAuthProfile.DRAFT_11, f.profile());
            assertTrue(f.error().detail().contains("draft-11 is expected"), f.error().detail());
        }

        @Test
        @DisplayName("a person token at a resource serving only draft-01 is refused")
        void draft11PersonTokenAtDraft01OnlyResourceIsRefused() {
            String person = x.personToken(Draft11Fixture.SUB, null, null).compact();
            AccessDecider only01 = x.decider(settings(), AAuthProfile.DRAFT_01);
            Decision.Failed f =
                    assertInstanceOf(Decision.Failed.class, decide(only01, x.get(person), READ));
            assertEquals(AAuthError.INVALID_JWT, f.error().error());
            assertTrue(f.error().detail().contains("draft-11"), f.error().detail());
        }

        @Test
        @DisplayName(
                "-01 unchanged beside -11: a -01 agent token is challenged with a -01 resource"
                        + " token (agent claim)")
        void draft01AgentTokenStillGetsADraft01Challenge() {
            Decision.Challenged c = challenged(decide(both(), x.get(x.f.agentToken()), READ));
            assertEquals(AAuthProfile.DRAFT_01, c.request().profile());
            ResourceToken rt =
                    x.f.tokenVerifier(VerifiedTokenCache.disabled(x.f.clock))
                            .verifyResourceChallenge(
                                    c.resourceToken().compact(),
                                    AAuthFixture.RESOURCE,
                                    AAuthFixture.AGENT,
                                    x.f.agentKey.publicJwk().thumbprint());
            assertEquals(AAuthFixture.AGENT, rt.agent());
        }

        @Test
        @DisplayName("-01 unchanged beside -11: a -01 auth token grants its scopes")
        void draft01AuthTokenStillAllowed() {
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class,
                            decide(
                                    both(),
                                    x.get(x.f.authToken(List.of("supply-chain:read"))),
                                    READ));
            assertEquals(AAuthProfile.DRAFT_01, a.request().profile());
            assertNull(a.request().draft11AuthToken());
        }
    }
}
