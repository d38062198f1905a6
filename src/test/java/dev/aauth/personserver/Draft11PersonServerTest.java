package dev.aauth.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.AP;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ReplayCache;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The draft -11 Person Server in memory: the {@code person_token_endpoint} ({@link
 * PersonTokenIssuance}) and the {@code auth_token_endpoint} ({@link TokenExchange#exchange(
 * AAuthProfile, dev.aauth.httpsig.HttpRequestMessage, byte[])}), each test named after the clause
 * of draft -11 it proves, with negative tests giving the exact code.
 */
class Draft11PersonServerTest {

    static final String PERSON_URL = PS + "/aauth/person-token";
    static final String AUTH_URL = PS + "/aauth/auth-token";
    static final String BOUND_TO_NOBODY = "aauth:stray@agents.example";

    /** Call chaining: the upstream resource {@code RESOURCE} acting as this agent. */
    static final String MID = "aauth:mid@agents.example";

    /** The downstream resource the intermediary calls. */
    static final String DOWNSTREAM = "https://downstream.example";

    static final Map<String, String> DESCRIBED =
            Map.of("data.read", "Read", "data.write", "Write", "data.delete", "Delete");

    final AAuthFixture fx = new AAuthFixture();
    final TokenIssuer ap11 = new TokenIssuer(AP, fx.apKeys, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer ps11 = new TokenIssuer(PS, fx.psKeys, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer rs11 =
            new TokenIssuer(RESOURCE, fx.resourceKeys, fx.clock, AAuthProfile.DRAFT_11);

    /** The fixture's issuer keys as -11 publishes them ({@code alg} on every key). */
    final IssuerKeyResolver keys11 =
            (iss, dwk, kid) ->
                    AAuthProfile.DRAFT_11.published(
                            fx.resolver.resolve(DOWNSTREAM.equals(iss) ? RESOURCE : iss, dwk, kid));

    /** The downstream resource (its keys are the fixture resource's). */
    final TokenIssuer down11 =
            new TokenIssuer(DOWNSTREAM, fx.resourceKeys, fx.clock, AAuthProfile.DRAFT_11);

    /** The intermediary's own signing key. */
    final SigningKey midKey = SigningKey.generate(SignatureAlgorithm.ED25519, "mid-1");

    final TokenVerifier tokens11 =
            new TokenVerifier(
                    keys11,
                    fx.clock,
                    SecurityMode.STRICT,
                    VerifiedTokenCache.disabled(fx.clock),
                    TokenVerifier.DEFAULT_IAT_LEEWAY,
                    AAuthProfile.DRAFT_11);

    final AAuthRequestVerifier requests11 =
            new AAuthRequestVerifier(
                    TokenExchange.policy(List.of()).withProfile(AAuthProfile.DRAFT_11),
                    new SignatureKeyResolver(
                            tokens11, keys11, new JktJwtVerifier(fx.clock), SecurityMode.STRICT),
                    fx.clock,
                    ReplayCache.NONE,
                    List.of("content-type", "content-digest"));

    final InMemoryAgentBindings bindings =
            new InMemoryAgentBindings(Map.of(AGENT, "alice", MID, "mallory"));
    final InMemoryIssuedPersonTokens personTokens = new InMemoryIssuedPersonTokens(fx.clock);
    final InMemoryPendingRequests pending = new InMemoryPendingRequests(fx.clock);
    final InMemoryPersonIds persons = new InMemoryPersonIds();
    final InMemoryConsentStore consents = new InMemoryConsentStore();

    {
        // alice let the agent act at a second resource as her (first-issuance consent remembered)
        consents.remember("alice", AGENT, "https://other.example", PersonTokenConsent.SCOPES);
    }

    final InMemoryIssuedTokenLog issued = new InMemoryIssuedTokenLog(fx.clock);
    final PairwiseSubject pairwise = new PairwiseSubject(Optional.of("s3cret"));
    final PersonServerSettings settings =
            new PersonServerSettings(
                    List.of("openid", "email"),
                    List.of("sub"),
                    Duration.ofHours(1),
                    List.of("require:user"),
                    PolicyRule.parseAll(AGENT + " | " + RESOURCE + " | data.delete"),
                    PolicyRule.parseAll(
                            AGENT
                                    + " | "
                                    + RESOURCE
                                    + " | data.read; "
                                    + MID
                                    + " | "
                                    + DOWNSTREAM
                                    + " | data.read"),
                    Map.of(AGENT, "alice"),
                    Optional.of("s3cret"),
                    Map.of(MID, RESOURCE));

    final TokenExchange.Dependencies deps =
            TokenExchange.Dependencies.builder()
                    .requests(
                            fx.verifier(
                                    TokenExchange.policy(List.of()),
                                    new VerifiedTokenCache(100, fx.clock)))
                    .tokens(fx.tokenVerifier(new VerifiedTokenCache(100, fx.clock)))
                    .scopeDescriptions(resource -> DESCRIBED)
                    .policy(new PolicyDecider(settings, bindings, consents))
                    .issuer(fx.ps)
                    .pairwise(pairwise)
                    .bindings(bindings)
                    .issued(issued)
                    .decisions(new InMemoryDecisionLog())
                    .settings(settings)
                    .clock(fx.clock)
                    .deferred(
                            new DeferredResponses(
                                    pending,
                                    persons,
                                    new DeferredResponses.Settings(
                                            Duration.ofMinutes(10), Duration.ofSeconds(5)),
                                    fx.clock))
                    .draft11(
                            new TokenExchange.Draft11(
                                    requests11, tokens11, ps11, personTokens, SecurityMode.STRICT))
                    .build();
    final TokenExchange exchange = new TokenExchange(deps);
    final PersonTokenIssuance personTokenEndpoint = new PersonTokenIssuance(deps, exchange);

    // ------------------------------------------------------------------ the agent's side

    String agentToken11(String agent, Duration lifetime) {
        return ap11.agentToken(agent, fx.agentKey.publicJwk(), PS, lifetime, Map.of()).compact();
    }

    String agentToken11() {
        return agentToken11(AGENT, Duration.ofHours(2));
    }

    /** A -11 signed POST: content-type and content-digest covered. */
    AAuthFixture.Request signedPost(String url, String agentToken, String body, boolean digest) {
        return signedPost(fx.agentKey, url, agentToken, body, digest);
    }

    /** As {@link #signedPost(String, String, String, boolean)}, signed with {@code key}. */
    AAuthFixture.Request signedPost(
            SigningKey key, String url, String agentToken, String body, boolean digest) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        AAuthFixture.Request r =
                new AAuthFixture.Request("POST", url)
                        .set("content-type", "application/json")
                        .set("content-length", Integer.toString(bytes.length))
                        .set("content-digest", ContentDigest.create(bytes));
        r.apply(
                new AAuthRequestSigner(key, fx.clock)
                        .sign(
                                r.method,
                                r.target,
                                r.lookup(),
                                new SignatureKey.Jwt(agentToken),
                                digest ? List.of("content-type", "content-digest") : List.of()));
        return r;
    }

    PersonTokenIssuance.Issued personToken(String agentToken, Map<String, Object> body) {
        return assertInstanceOf(PersonTokenIssuance.Issued.class, ask(agentToken, body));
    }

    PersonTokenIssuance.Answer ask(String agentToken, Map<String, Object> body) {
        String json = JsonUtil.toJson(body);
        return personTokenEndpoint.issue(
                signedPost(PERSON_URL, agentToken, json, true).message(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    PersonTokenIssuance.Issued personToken() {
        return personToken(agentToken11(), Map.of("resource", RESOURCE));
    }

    /** The agent's signed poll of {@code p}'s pending URL, once its {@code Retry-After} is over. */
    DeferredResponses.PollAnswer poll(TokenResponse.Pending p) {
        fx.clock.advance(Duration.ofSeconds(5));
        AAuthFixture.Request poll =
                new AAuthFixture.Request("GET", PS + "/aauth/pending/" + p.id());
        poll.apply(
                new AAuthRequestSigner(fx.agentKey, fx.clock)
                        .sign(
                                poll.method,
                                poll.target,
                                poll.lookup(),
                                new SignatureKey.Jwt(agentToken11()),
                                List.of()));
        return exchange.poll(poll.message(), p.id());
    }

    PersonToken verified(PersonTokenIssuance.Issued issued) {
        return tokens11.verifyPersonToken(issued.personToken(), RESOURCE);
    }

    String resourceToken(PersonContext person, String audience, String jkt, String... scopes) {
        return rs11.resourceToken(
                        audience, person, jkt, List.of(scopes), null, Duration.ofMinutes(5))
                .compact();
    }

    String resourceToken(PersonToken person, String... scopes) {
        return resourceToken(
                PersonContext.of(person), PS, fx.agentKey.publicJwk().thumbprint(), scopes);
    }

    TokenResponse authToken(AAuthProfile profile, String agentToken, String resourceToken) {
        return authToken(profile, agentToken, Map.of("resource_token", resourceToken));
    }

    TokenResponse authToken(AAuthProfile profile, String agentToken, Map<String, Object> body) {
        String json = JsonUtil.toJson(body);
        return exchange.exchange(
                profile,
                signedPost(AUTH_URL, agentToken, json, true).message(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    TokenResponse authToken(String resourceToken) {
        return authToken(AAuthProfile.DRAFT_11, agentToken11(), resourceToken);
    }

    static AAuthException fails(AAuthError code, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(code, e.error(), e.detail());
        return e;
    }

    static Map<String, Object> claims(String compact) {
        return Jws.parse(compact).claims();
    }

    // ------------------------------------------------------------------ person tokens

    @Nested
    @DisplayName("-11 Person Token Endpoint")
    class PersonTokens {

        @Test
        @DisplayName(
                "-11: the PS issues for the person bound to the requesting agent, aud = resource,"
                        + " typ aa-person+jwt, signed Ed25519")
        void issuesForThePersonBoundToTheAgent() {
            PersonTokenIssuance.Issued issued = personToken();
            PersonToken t = verified(issued);
            assertEquals(PS, t.issuer());
            assertEquals(RESOURCE, t.audience());
            assertEquals(pairwise.of("alice", RESOURCE), t.subject());
            assertEquals("Ed25519", Jws.parse(issued.personToken()).alg());
        }

        @Test
        @DisplayName(
                "-11: cnf contains jwk, the agent's public key, which MUST carry a fully-specified"
                        + " alg member")
        void cnfIsTheAgentKeyWithAlg() {
            PersonToken t = verified(personToken());
            assertEquals(fx.agentKey.publicJwk().thumbprint(), t.cnf().thumbprint());
            @SuppressWarnings("unchecked")
            Map<String, Object> cnf =
                    (Map<String, Object>) ((Map<String, Object>) t.claims().get("cnf")).get("jwk");
            assertEquals("Ed25519", cnf.get("alg"));
        }

        @Test
        @DisplayName(
                "-11: Person tokens MUST NOT have a lifetime exceeding 1 hour (expires_in 3600)")
        void lifetimeAtMostOneHour() {
            PersonTokenIssuance.Issued issued = personToken();
            PersonToken t = verified(issued);
            assertEquals(3600, t.expiresAt() - t.issuedAt());
            assertEquals(3600, issued.expiresIn());
        }

        @Test
        @DisplayName("-11: a person token MUST NOT outlive the agent token presented")
        void notPastTheAgentToken() {
            String agentToken = agentToken11(AGENT, Duration.ofMinutes(10));
            PersonTokenIssuance.Issued issued =
                    personToken(agentToken, Map.of("resource", RESOURCE));
            long agentExp = ((Number) claims(agentToken).get("exp")).longValue();
            assertEquals(agentExp, verified(issued).expiresAt());
            assertEquals(600, issued.expiresIn());
        }

        @Test
        @DisplayName("-11: A person token MUST NOT contain scope or account")
        void noScopeNoAccount() {
            Map<String, Object> c = claims(personToken().personToken());
            assertFalse(c.containsKey("scope"));
            assertFalse(c.containsKey("account"));
            assertFalse(c.containsKey("agent"));
        }

        @Test
        @DisplayName(
                "-11: A PS MUST retain a record of each person token it issues — jti, ps, sub,"
                        + " mission_s256, tenant, and exp")
        void theIssuedTokenIsRetained() {
            PersonToken t = verified(personToken());
            assertEquals(
                    Optional.of(
                            new PersonTokenRecord(
                                    t.jti(), PS, t.subject(), null, null, t.expiresAt())),
                    personTokens.find(t.jti()));
        }

        @Test
        @DisplayName(
                "-11: sub has the same value the PS uses in the sub claim of auth tokens it issues"
                        + " for this aud; another resource gets another sub")
        void subIsTheAuthTokensDirectedSub() {
            PersonToken t = verified(personToken());
            TokenResponse.Granted g =
                    assertInstanceOf(
                            TokenResponse.Granted.class, authToken(resourceToken(t, "data.read")));
            assertEquals(t.subject(), claims(g.authToken()).get("sub"));
            PersonTokenIssuance.Issued other =
                    personToken(agentToken11(), Map.of("resource", "https://other.example"));
            assertFalse(t.subject().equals(claims(other.personToken()).get("sub")));
        }

        @Test
        @DisplayName("-11 invalid_request (400): resource (REQUIRED) missing")
        void resourceMissing() {
            AAuthException e =
                    fails(
                            AAuthError.INVALID_REQUEST,
                            () -> personToken(agentToken11(), Map.of("other", "x")));
            assertEquals(400, e.status());
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): The PS MUST validate resource against the Server"
                        + " Identifier requirements")
        void resourceNotAServerIdentifier() {
            for (String bad :
                    List.of(
                            "http://resource.example",
                            "https://resource.example/path",
                            "resource.example",
                            "https://user@resource.example")) {
                fails(
                        AAuthError.INVALID_REQUEST,
                        () -> personToken(agentToken11(), Map.of("resource", bad)));
            }
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> personToken(agentToken11(), Map.of("resource", 42)));
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): mission_s256 and subagent_token are not supported"
                        + " (yet), never ignored")
        void unsupportedMembers() {
            for (String member : List.of("mission_s256", "subagent_token")) {
                AAuthException e =
                        fails(
                                AAuthError.INVALID_REQUEST,
                                () ->
                                        personToken(
                                                agentToken11(),
                                                Map.of("resource", RESOURCE, member, "x")));
                assertTrue(e.detail().contains(member + " is not supported"), e.detail());
            }
            assertTrue(personTokens.find("x").isEmpty());
        }

        @Test
        @DisplayName(
                "-11 user_unreachable (403): A PS that cannot determine the person MUST reject the"
                        + " request (an agent bound to no person)")
        void agentBoundToNoPerson() {
            AAuthException e =
                    fails(
                            AAuthError.USER_UNREACHABLE,
                            () ->
                                    personToken(
                                            agentToken11(BOUND_TO_NOBODY, Duration.ofHours(1)),
                                            Map.of("resource", RESOURCE)));
            assertEquals(403, e.status());
        }

        @Test
        @DisplayName(
                "-11 invalid_input (401): a body whose content-type and content-digest the"
                        + " signature does not cover, with required_input")
        void unsignedBody() {
            String json = JsonUtil.toJson(Map.of("resource", RESOURCE));
            AAuthException e =
                    fails(
                            AAuthError.INVALID_INPUT,
                            () ->
                                    personTokenEndpoint.issue(
                                            signedPost(PERSON_URL, agentToken11(), json, false)
                                                    .message(),
                                            json.getBytes(StandardCharsets.UTF_8)));
            assertEquals(401, e.status());
        }

        @Test
        @DisplayName(
                "-11 invalid_agent_token (400): an agent token signed with the polymorphic EdDSA"
                        + " (MUST NOT accept)")
        void edDsaAgentTokenRefused() {
            fails(
                    AAuthError.INVALID_AGENT_TOKEN,
                    () -> personToken(fx.agentToken(), Map.of("resource", RESOURCE)));
        }
    }

    // ------------------------------------------------------------------ auth tokens

    @Nested
    @DisplayName("-11 PS Token Endpoint (auth_token_endpoint)")
    class AuthTokens {

        @Test
        @DisplayName(
                "-11 direct grant (200): auth token with ps, REQUIRED sub copied from the resource"
                        + " token, cnf.jwk with alg, no agent identifier and no delegation chain")
        void autonomousDirectGrant() {
            PersonToken person = verified(personToken());
            TokenResponse.Granted g =
                    assertInstanceOf(
                            TokenResponse.Granted.class,
                            authToken(resourceToken(person, "data.read")));
            Draft11AuthToken at = tokens11.verifyDraft11AuthToken(g.authToken(), RESOURCE);
            assertEquals(PS, at.issuer());
            assertEquals(PS, at.ps());
            assertEquals(person.subject(), at.subject());
            assertEquals(List.of("data.read"), at.scope());
            assertEquals(fx.agentKey.publicJwk().thumbprint(), at.cnf().thumbprint());
            assertFalse(at.claims().containsKey("agent"));
            assertFalse(at.claims().containsKey("act"));
            assertNull(at.missionS256());
            assertEquals(3600, g.expiresIn());
            assertTrue(issued.find(g.jti()).isPresent(), "recorded with its decision");
        }

        @Test
        @DisplayName("-11: mission_s256 copied from the resource token is echoed in the auth token")
        void missionEchoed() {
            String mission = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
            PersonToken person = verified(personToken());
            // a record as the PS would keep it for a person token with a mission
            String sub = person.subject();
            personTokens.record(
                    new PersonTokenRecord("pt-m", PS, sub, mission, null, Long.MAX_VALUE));
            String rt =
                    resourceToken(
                            new PersonContext(PS, sub, "pt-m", mission, null),
                            PS,
                            fx.agentKey.publicJwk().thumbprint(),
                            "data.read");
            TokenResponse.Granted g = assertInstanceOf(TokenResponse.Granted.class, authToken(rt));
            assertEquals(mission, claims(g.authToken()).get("mission_s256"));
        }

        @Test
        @DisplayName(
                "-11 unknown_person_token (400): presented_jti names no person token this PS"
                        + " retains")
        void unknownPersonToken() {
            PersonToken person = verified(personToken());
            String rt =
                    resourceToken(
                            new PersonContext(PS, person.subject(), "pt-unknown", null, null),
                            PS,
                            fx.agentKey.publicJwk().thumbprint(),
                            "data.read");
            AAuthException e = fails(AAuthError.UNKNOWN_PERSON_TOKEN, () -> authToken(rt));
            assertEquals(400, e.status());
        }

        @Test
        @DisplayName(
                "-11 unknown_person_token (400): a record past its retention is purged, and its"
                        + " jti is unknown from then on")
        void purgedRecordIsUnknown() {
            PersonToken person = verified(personToken());
            String rt = resourceToken(person, "data.read");
            fx.clock.advance(Duration.ofHours(1).plus(IssuedPersonTokens.RETENTION).plusSeconds(1));
            assertEquals(1, personTokens.purgeExpired(fx.clock.instant().getEpochSecond()));
            assertTrue(personTokens.find(person.jti()).isEmpty());
            // the resource token has expired by then too
            fails(AAuthError.EXPIRED_RESOURCE_TOKEN, () -> authToken(rt));
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): ps, sub, mission_s256 and tenant MUST match"
                        + " the record exactly (any mismatch or omission)")
        void recordMismatch() {
            PersonToken person = verified(personToken());
            String jkt = fx.agentKey.publicJwk().thumbprint();
            String sub = person.subject();
            String jti = person.jti();
            for (PersonContext tampered :
                    List.of(
                            new PersonContext(PS, sub + "x", jti, null, null),
                            new PersonContext("https://other-ps.example", sub, jti, null, null),
                            new PersonContext(PS, sub, jti, "m".repeat(43), null),
                            new PersonContext(PS, sub, jti, null, "acme"))) {
                fails(
                        AAuthError.INVALID_RESOURCE_TOKEN,
                        () -> authToken(resourceToken(tampered, PS, jkt, "data.read")));
            }
            // mission stripping: the record has a mission the resource token omits
            String mission = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
            personTokens.record(
                    new PersonTokenRecord("pt-m", PS, sub, mission, null, Long.MAX_VALUE));
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            authToken(
                                    resourceToken(
                                            new PersonContext(PS, sub, "pt-m", null, null),
                                            PS,
                                            jkt,
                                            "data.read")));
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): a person token of another person, however"
                        + " validly recorded, is not this agent's person")
        void anotherPersonsSub() {
            String bobSub = pairwise.of("bob", RESOURCE);
            personTokens.record(
                    new PersonTokenRecord("pt-bob", PS, bobSub, null, null, Long.MAX_VALUE));
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            authToken(
                                    resourceToken(
                                            new PersonContext(PS, bobSub, "pt-bob", null, null),
                                            PS,
                                            fx.agentKey.publicJwk().thumbprint(),
                                            "data.read")));
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): aud MUST match this PS; agent_jkt MUST be the"
                        + " thumbprint of the signing key")
        void audAndAgentJkt() {
            PersonContext person = PersonContext.of(verified(personToken()));
            String jkt = fx.agentKey.publicJwk().thumbprint();
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> authToken(resourceToken(person, "https://as.example", jkt, "data.read")));
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> authToken(resourceToken(person, PS, "not-the-jkt", "data.read")));
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): a draft-01 resource token at the -11"
                        + " auth_token_endpoint, with an error naming the draft")
        void draft01ResourceTokenRefused() {
            String rt01 =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    AGENT,
                                    fx.agentKey.publicJwk().thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            AAuthException e = fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> authToken(rt01));
            assertTrue(e.detail().contains("draft-01"), e.detail());
        }

        @Test
        @DisplayName(
                "-01 invalid_resource_token (400): a draft-11 resource token at the -01"
                        + " token_endpoint, with an error naming the draft")
        void draft11ResourceTokenRefusedAtDraft01() {
            String rt = resourceToken(verified(personToken()), "data.read");
            AAuthException e =
                    fails(
                            AAuthError.INVALID_RESOURCE_TOKEN,
                            () -> authToken(AAuthProfile.DRAFT_01, fx.agentToken(), rt));
            assertTrue(e.detail().contains("draft-11"), e.detail());
        }

        @Test
        @DisplayName("-11 invalid_agent_token (400): an EdDSA agent token at the -11 endpoint")
        void edDsaAgentTokenRefused() {
            String rt = resourceToken(verified(personToken()), "data.read");
            fails(
                    AAuthError.INVALID_AGENT_TOKEN,
                    () -> authToken(AAuthProfile.DRAFT_11, fx.agentToken(), rt));
        }

        @Test
        @DisplayName("-11 invalid_request (400): subagent_token is not supported (yet)")
        void unsupportedMembers() {
            String rt = resourceToken(verified(personToken()), "data.read");
            for (String member : List.of("subagent_token")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("resource_token", rt);
                body.put(member, "x");
                AAuthException e =
                        fails(
                                AAuthError.INVALID_REQUEST,
                                () -> authToken(AAuthProfile.DRAFT_11, agentToken11(), body));
                assertTrue(e.detail().contains(member), e.detail());
            }
        }

        @Test
        @DisplayName("-11 denied (403): the PS's deny rules apply as under -01")
        void denied() {
            String rt = resourceToken(verified(personToken()), "data.delete");
            assertEquals(403, fails(AAuthError.DENIED, () -> authToken(rt)).status());
        }

        @Test
        @DisplayName(
                "-11 202 deferred: a request the person must approve is deferred; once approved,"
                        + " the poll yields a -11 auth token")
        void deferredThenApproved() {
            PersonToken person = verified(personToken());
            TokenResponse.Pending p =
                    assertInstanceOf(
                            TokenResponse.Pending.class,
                            authToken(resourceToken(person, "data.write")));
            assertTrue(pending.approve(p.id(), persons.ensure("alice")));
            DeferredResponses.Token answer =
                    assertInstanceOf(DeferredResponses.Token.class, poll(p));
            Draft11AuthToken at =
                    tokens11.verifyDraft11AuthToken(answer.granted().authToken(), RESOURCE);
            assertEquals(person.subject(), at.subject());
            assertEquals(List.of("data.write"), at.scope());
            assertFalse(at.claims().containsKey("act"));
        }
    }

    // ------------------------------------------------------------------ call chaining

    @Nested
    @DisplayName(
            "-11 call chaining (Upstream Token Verification, Directed Identifiers Across a Chain)")
    class CallChaining {

        /** The intermediary's agent token: {@code MID}, from the agent provider, its own key. */
        String midToken() {
            return ap11.agentToken(MID, midKey.publicJwk(), PS, Duration.ofHours(3), Map.of())
                    .compact();
        }

        /** The auth token alice's agent got for {@code RESOURCE}: the upstream token. */
        String upstream() {
            TokenResponse.Granted g =
                    assertInstanceOf(
                            TokenResponse.Granted.class,
                            authToken(resourceToken(verified(personToken()), "data.read")));
            return g.authToken();
        }

        PersonTokenIssuance.Issued midPersonToken(String agentToken, String upstream) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resource", DOWNSTREAM);
            if (upstream != null) {
                body.put("upstream_token", upstream);
            }
            String json = JsonUtil.toJson(body);
            return assertInstanceOf(
                    PersonTokenIssuance.Issued.class,
                    personTokenEndpoint.issue(
                            signedPost(midKey, PERSON_URL, agentToken, json, true).message(),
                            json.getBytes(StandardCharsets.UTF_8)));
        }

        /** The downstream resource's -11 resource token for the intermediary's person token. */
        String downstreamResourceToken(PersonTokenIssuance.Issued pt, String... scopes) {
            PersonToken person = tokens11.verifyPersonToken(pt.personToken(), DOWNSTREAM);
            return down11.resourceToken(
                            PS,
                            PersonContext.of(person),
                            midKey.publicJwk().thumbprint(),
                            List.of(scopes),
                            null,
                            Duration.ofMinutes(5))
                    .compact();
        }

        TokenResponse midAuthToken(String resourceToken, String upstream) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resource_token", resourceToken);
            body.put("upstream_token", upstream);
            String json = JsonUtil.toJson(body);
            return exchange.exchange(
                    AAuthProfile.DRAFT_11,
                    signedPost(midKey, AUTH_URL, midToken(), json, true).message(),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A -11 auth token for alice's agent at {@code RESOURCE} minted by {@code by}, unrecorded.
         */
        String unrecordedAuthToken(TokenIssuer by, String dwk) {
            String rt = resourceToken(verified(personToken()), "data.read");
            return by.authToken(
                            TokenExchange.storedDraft11(rt),
                            dwk,
                            fx.agentKey.publicJwk(),
                            List.of("data.read"),
                            Duration.ofMinutes(30),
                            0,
                            Map.of())
                    .compact();
        }

        AAuthException refusedUpstream(String agentToken, String upstream) {
            AAuthException e =
                    fails(AAuthError.INVALID_REQUEST, () -> midPersonToken(agentToken, upstream));
            assertTrue(e.detail().startsWith("upstream_token: "), e.detail());
            return e;
        }

        @Test
        @DisplayName(
                "-11: The intermediary first obtains a person token for the downstream resource,"
                        + " presenting the upstream auth token as upstream_token ... then sends the"
                        + " resource token ... along with ... the upstream auth token: the upstream"
                        + " person's directed sub at each resource, ps, no act")
        void validChain() {
            String upstream = upstream();
            String upstreamSub = (String) claims(upstream).get("sub");
            PersonTokenIssuance.Issued pt = midPersonToken(midToken(), upstream);
            PersonToken person = tokens11.verifyPersonToken(pt.personToken(), DOWNSTREAM);
            // "With it, the PS issues for the person the upstream token was issued for"
            assertEquals(pairwise.of("alice", DOWNSTREAM), person.subject());
            assertEquals(midKey.publicJwk().thumbprint(), person.cnf().thumbprint());

            TokenResponse.Granted g =
                    assertInstanceOf(
                            TokenResponse.Granted.class,
                            midAuthToken(downstreamResourceToken(pt, "data.read"), upstream));
            Draft11AuthToken at = tokens11.verifyDraft11AuthToken(g.authToken(), DOWNSTREAM);
            assertEquals(PS, at.ps());
            assertEquals(pairwise.of("alice", DOWNSTREAM), at.subject());
            assertEquals(midKey.publicJwk().thumbprint(), at.cnf().thumbprint());
            assertFalse(at.claims().containsKey("act"), "-11: there is no act chain");
            assertFalse(at.claims().containsKey("agent"));
            assertEquals("alice", issued.find(g.jti()).orElseThrow().person());
        }

        @Test
        @DisplayName(
                "-11: An issuer MUST NOT copy a directed sub from an upstream token into a token"
                        + " it issues: sub is pairwise per resource, never the upstream sub nor the"
                        + " intermediary's own person's")
        void subPairwisePerResource() {
            String upstream = upstream();
            String sub =
                    tokens11.verifyPersonToken(
                                    midPersonToken(midToken(), upstream).personToken(), DOWNSTREAM)
                            .subject();
            assertEquals(pairwise.of("alice", RESOURCE), claims(upstream).get("sub"));
            assertFalse(sub.equals(claims(upstream).get("sub")), "not copied from upstream");
            assertFalse(sub.equals(pairwise.of("mallory", DOWNSTREAM)), "not MID's own person");
            // without upstream_token the intermediary's own binding decides
            assertEquals(
                    pairwise.of("mallory", DOWNSTREAM),
                    tokens11.verifyPersonToken(
                                    midPersonToken(midToken(), null).personToken(), DOWNSTREAM)
                            .subject());
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): with upstream_token, the downstream resource"
                        + " token's sub must be the upstream person's, not the intermediary's own"
                        + " person's")
        void resourceTokenOfAnotherPerson() {
            String upstream = upstream();
            String mallorys =
                    downstreamResourceToken(midPersonToken(midToken(), null), "data.read");
            fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> midAuthToken(mallorys, upstream));
        }

        @Test
        @DisplayName(
                "-11: The PS ... evaluates each hop independently: a downstream scope the"
                        + " intermediary's autonomous rule does not cover is deferred to the person")
        void policyPerHop() {
            String upstream = upstream();
            PersonTokenIssuance.Issued pt = midPersonToken(midToken(), upstream);
            assertInstanceOf(
                    TokenResponse.Pending.class,
                    midAuthToken(downstreamResourceToken(pt, "data.write"), upstream));
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): Verify iss is a trusted issuer: an auth token of"
                        + " another issuer (a foreign ps) is not extended")
        void foreignPs() {
            AAuthException e =
                    refusedUpstream(midToken(), unrecordedAuthToken(rs11, "aauth-access.json"));
            assertTrue(e.detail().contains("not by this Person Server"), e.detail());
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): an upstream auth token this PS signed but never"
                        + " issued (not in its log) names no person it can determine")
        void notInTheLog() {
            AAuthException e =
                    refusedUpstream(midToken(), unrecordedAuthToken(ps11, "aauth-person.json"));
            assertTrue(e.detail().contains("person cannot be determined"), e.detail());
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): Perform Auth Token Verification on the upstream"
                        + " token: an expired one is refused")
        void expiredUpstream() {
            String upstream = upstream();
            fx.clock.advance(Duration.ofMinutes(61));
            AAuthException e = refusedUpstream(midToken(), upstream);
            assertTrue(e.detail().contains("expired"), e.detail());
            String rt = downstreamResourceToken(midPersonToken(midToken(), null), "data.read");
            fails(AAuthError.INVALID_REQUEST, () -> midAuthToken(rt, upstream));
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): Verify the aud in the upstream token equals the iss of"
                        + " the intermediary's agent token: an agent that is not the upstream"
                        + " resource is refused")
        void wrongAud() {
            String upstream = upstream();
            String stray =
                    ap11.agentToken(
                                    BOUND_TO_NOBODY,
                                    midKey.publicJwk(),
                                    PS,
                                    Duration.ofHours(2),
                                    Map.of())
                            .compact();
            AAuthException e = refusedUpstream(stray, upstream);
            assertTrue(e.detail().contains("aud is not the requesting agent"), e.detail());
        }

        @Test
        @DisplayName(
                "-11: Verify the aud in the upstream token equals the iss of the intermediary's"
                        + " agent token: a resource that is its own agent provider needs no"
                        + " configuration")
        void audIsTheAgentTokensIss() {
            // no autonomous rule names this agent: alice let it act at the downstream resource
            consents.remember(
                    "alice", "aauth:self@resource.example", DOWNSTREAM, PersonTokenConsent.SCOPES);
            String upstream = upstream();
            String own =
                    rs11.agentToken(
                                    "aauth:self@resource.example",
                                    midKey.publicJwk(),
                                    PS,
                                    Duration.ofHours(2),
                                    Map.of())
                            .compact();
            assertEquals(
                    pairwise.of("alice", DOWNSTREAM),
                    tokens11.verifyPersonToken(
                                    midPersonToken(own, upstream).personToken(), DOWNSTREAM)
                            .subject());
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): a draft-01 auth token as upstream_token at a -11"
                        + " endpoint is refused naming the drafts (never mixed within one flow)")
        void draft01UpstreamRefused() {
            String up01 =
                    fx.ps.authToken(
                                    "aauth-person.json",
                                    RESOURCE,
                                    AGENT,
                                    fx.agentKey.publicJwk(),
                                    dev.aauth.token.Actor.of(AGENT),
                                    pairwise.of("alice", RESOURCE),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(30),
                                    0,
                                    Map.of())
                            .compact();
            AAuthException e = refusedUpstream(midToken(), up01);
            assertTrue(e.detail().contains("draft-01"), e.detail());
            assertTrue(e.detail().contains("draft-11"), e.detail());
        }

        @Test
        @DisplayName("-11 invalid_request (400): upstream_token must be a string")
        void upstreamNotAString() {
            String json = JsonUtil.toJson(Map.of("resource", DOWNSTREAM, "upstream_token", 7));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            personTokenEndpoint.issue(
                                    signedPost(midKey, PERSON_URL, midToken(), json, true)
                                            .message(),
                                    json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    // ------------------------------------------------------------------ the pending URL

    @Nested
    @DisplayName("-11 pending URL POSTs (Agent Response to Clarification)")
    class PendingPosts {

        TokenResponse.Pending deferred() {
            PersonToken person = verified(personToken());
            return assertInstanceOf(
                    TokenResponse.Pending.class, authToken(resourceToken(person, "data.write")));
        }

        DeferredResponses.Waiting post(TokenResponse.Pending p, Map<String, Object> body) {
            String json = JsonUtil.toJson(body);
            return exchange.respond(
                    signedPost(PS + "/aauth/pending/" + p.id(), agentToken11(), json, true)
                            .message(),
                    p.id(),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        @DisplayName(
                "-11 invalid_request (400): A server MUST reject a POST with a missing or"
                        + " unrecognized action value")
        void actionRequired() {
            TokenResponse.Pending p = deferred();
            String rt = resourceToken(verified(personToken()), "data.write");
            fails(AAuthError.INVALID_REQUEST, () -> post(p, Map.of("resource_token", rt)));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> post(p, Map.of("action", "replace", "resource_token", rt)));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            post(
                                    p,
                                    Map.of(
                                            "action",
                                            "updated_request",
                                            "clarification_response",
                                            "x")));
        }

        @Test
        @DisplayName(
                "-11: an updated_request with a new -11 resource token replaces the original"
                        + " request")
        void updatedRequest() {
            TokenResponse.Pending p = deferred();
            String rt = resourceToken(verified(personToken()), "data.write", "data.read");
            DeferredResponses.Waiting w =
                    post(p, Map.of("action", "updated_request", "resource_token", rt));
            assertEquals("pending", w.status());
        }

        @Test
        @DisplayName(
                "-11 invalid_resource_token (400): an updated_request with a draft-01 resource"
                        + " token, naming the draft")
        void updatedRequestOfTheOtherDraft() {
            TokenResponse.Pending p = deferred();
            String rt01 =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    AGENT,
                                    fx.agentKey.publicJwk().thumbprint(),
                                    List.of("data.write"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            AAuthException e =
                    fails(
                            AAuthError.INVALID_RESOURCE_TOKEN,
                            () ->
                                    post(
                                            p,
                                            Map.of(
                                                    "action",
                                                    "updated_request",
                                                    "resource_token",
                                                    rt01)));
            assertTrue(e.detail().contains("draft-01"), e.detail());
        }
    }

    // ------------------------------------------------------------------ first-issuance consent

    @Nested
    @DisplayName(
            "-11 person token first-issuance consent: \"The PS MAY require user interaction before"
                    + " issuing and return a 202 Accepted deferred response\"")
    class FirstIssuanceConsent {

        /** A resource no autonomous rule names and alice has not let the agent act at yet. */
        static final String NEW_RESOURCE = "https://new.example";

        PersonTokenIssuance.Answer askFor(String resource) {
            return ask(agentToken11(), Map.of("resource", resource));
        }

        TokenResponse.Pending deferredFor(String resource) {
            return assertInstanceOf(PersonTokenIssuance.Deferred.class, askFor(resource)).pending();
        }

        @Test
        @DisplayName(
                "-11 Bootstrapping: \"An organization administrator may also pre-authorize agents"
                        + " for the organization\": an autonomous rule naming the agent and the"
                        + " resource issues the person token at once")
        void autonomousRuleIssuesAtOnce() {
            assertInstanceOf(PersonTokenIssuance.Issued.class, askFor(RESOURCE));
            assertEquals(0, pending.countOpen(AGENT));
        }

        @Test
        @DisplayName(
                "a remembered consent \"may this agent act at <resource> as you?\" issues the"
                        + " person token at once")
        void rememberedConsentIssuesAtOnce() {
            consents.remember("alice", AGENT, NEW_RESOURCE, PersonTokenConsent.SCOPES);
            PersonTokenIssuance.Issued issued =
                    assertInstanceOf(PersonTokenIssuance.Issued.class, askFor(NEW_RESOURCE));
            assertEquals(NEW_RESOURCE, claims(issued.personToken()).get("aud"));
            assertEquals(0, pending.countOpen(AGENT));
        }

        @Test
        @DisplayName(
                "-11 202: neither a consent nor an autonomous rule: the request is deferred for"
                        + " the agent's person, a person-token request for the resource")
        void neitherDefers() {
            TokenResponse.Pending p = deferredFor(NEW_RESOURCE);
            assertTrue(p.code().matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), p.code());
            PendingRequestView view = pending.find(p.id()).orElseThrow();
            assertEquals(NEW_RESOURCE, view.resource());
            assertTrue(PersonTokenConsent.isPersonToken(view));
            assertEquals(persons.ensure("alice"), view.personId());
            assertEquals(
                    "pending", assertInstanceOf(DeferredResponses.Waiting.class, poll(p)).status());
            assertEquals(AAuthProfile.DRAFT_11, TokenExchange.flowDraft(view));
        }

        @Test
        @DisplayName(
                "-11: once the person approved, the poll yields {\"person_token\", \"expires_in\"},"
                        + " retained like a direct one (\"A PS MUST retain a record of each person"
                        + " token it issues\")")
        void approvedPollYieldsThePersonToken() {
            TokenResponse.Pending p = deferredFor(NEW_RESOURCE);
            assertTrue(pending.approve(p.id(), persons.ensure("alice")));
            DeferredResponses.Token token =
                    assertInstanceOf(DeferredResponses.Token.class, poll(p));
            assertEquals(DeferredResponses.PERSON_TOKEN, token.member());
            PersonToken pt = tokens11.verifyPersonToken(token.granted().authToken(), NEW_RESOURCE);
            assertEquals(pairwise.of("alice", NEW_RESOURCE), pt.subject());
            assertTrue(personTokens.find(token.granted().jti()).isPresent());
            assertEquals(
                    PersonTokenConsent.SCOPES,
                    List.copyOf(pending.redeemedToken(p.id()).orElseThrow().scopes()));
        }

        @Test
        @DisplayName("-11 denied (403): the person denied the person-token request")
        void deniedPollIsDenied() {
            TokenResponse.Pending p = deferredFor(NEW_RESOURCE);
            assertTrue(pending.deny(p.id(), persons.ensure("alice")));
            assertEquals(403, fails(AAuthError.DENIED, () -> poll(p)).status());
        }

        @Test
        @DisplayName("a revoked person-token consent no longer covers: the next request asks again")
        void revokedConsentAsksAgain() {
            consents.remember("alice", AGENT, NEW_RESOURCE, PersonTokenConsent.SCOPES);
            assertInstanceOf(PersonTokenIssuance.Issued.class, askFor(NEW_RESOURCE));
            consents.forget("alice", AGENT, NEW_RESOURCE);
            deferredFor(NEW_RESOURCE);
        }

        @Test
        @DisplayName(
                "a consent to scopes at the resource is not a person-token consent (the person was"
                        + " asked another question)")
        void scopeConsentIsNotPersonTokenConsent() {
            consents.remember("alice", AGENT, NEW_RESOURCE, List.of("data.read", "data.write"));
            deferredFor(NEW_RESOURCE);
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): the reserved person-token scope is never granted"
                        + " in an auth token")
        void reservedScopeRefusedAtTheAuthTokenEndpoint() {
            String rt = resourceToken(verified(personToken()), PersonTokenConsent.SCOPE);
            AAuthException e = fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> authToken(rt));
            assertTrue(e.detail().contains("reserved"), e.detail());
        }

        @Test
        @DisplayName(
                "invalid_request (400): a person-token request has no resource token to update")
        void noUpdatedRequest() {
            TokenResponse.Pending p = deferredFor(NEW_RESOURCE);
            String rt = resourceToken(verified(personToken()), "data.write");
            String json =
                    JsonUtil.toJson(Map.of("action", "updated_request", "resource_token", rt));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            exchange.respond(
                                    signedPost(
                                                    PS + "/aauth/pending/" + p.id(),
                                                    agentToken11(),
                                                    json,
                                                    true)
                                            .message(),
                                    p.id(),
                                    json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
