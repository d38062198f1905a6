package dev.aauth.jakarta.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.personserver.DecisionLog;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.IdentityClaims;
import dev.aauth.personserver.InMemoryAgentBindings;
import dev.aauth.personserver.InMemoryConsentStore;
import dev.aauth.personserver.InMemoryDecisionLog;
import dev.aauth.personserver.InMemoryIssuedTokenLog;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.personserver.PairwiseSubject;
import dev.aauth.personserver.PendingUpdate;
import dev.aauth.personserver.PersonServerSettings;
import dev.aauth.personserver.PolicyDecider;
import dev.aauth.personserver.PolicyRule;
import dev.aauth.personserver.TokenExchange;
import dev.aauth.personserver.TokenResponse;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The pending URL's protocol through {@link TokenExchange} with {@link DeferredResponses} on the
 * store (H2 in PostgreSQL mode), with signed requests of {@link AAuthFixture}'s agent: "Agent
 * Response to Clarification", "Clarification Required", "Clarification Limits", and the token
 * handed out after approval. The person's side (code redemption, questions, approval) is made
 * through the store, as the consent pages make it.
 */
class PendingProtocolTest {

    static final String OTHER_RESOURCE = "https://other-resource.example";
    static final String MIDDLE = "https://middle.example";
    static final Map<String, String> DESCRIBED =
            Map.of(
                    "data.read",
                    "Read",
                    "data.write",
                    "Write",
                    "data.delete",
                    "Delete",
                    "require:user",
                    "Needs the user");
    static final Duration RETRY = Duration.ofSeconds(5);

    final AAuthFixture fx = new AAuthFixture();
    final ServerKeySet otherKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "other-1"));
    final TokenIssuer otherResource = new TokenIssuer(OTHER_RESOURCE, otherKeys, fx.clock);
    final InMemoryAgentBindings bindings = new InMemoryAgentBindings(Map.of(AGENT, "alice"));
    final InMemoryIssuedTokenLog issued = new InMemoryIssuedTokenLog(fx.clock);
    final InMemoryDecisionLog decisions = new InMemoryDecisionLog();
    final PersonServerSettings settings =
            new PersonServerSettings(
                    List.of("openid", "profile", "email"),
                    List.of("sub", "email", "name"),
                    Duration.ofHours(1),
                    List.of("require:user"),
                    PolicyRule.parseAll(AGENT + " | * | data.delete"),
                    List.of(),
                    Map.of(AGENT, "alice"),
                    Optional.of("s3cret"),
                    Map.of(AGENT, MIDDLE),
                    Duration.ofMinutes(10),
                    RETRY);

    H2MemoryStore store;
    EntityManagerFactory factory;
    PendingRequests pending;
    Persons persons;
    TokenExchange exchange;

    @BeforeEach
    void open() {
        store = new H2MemoryStore("protocol");
        factory = store.factory;
        ResourceLocalTransactions tx = new ResourceLocalTransactions(factory);
        pending = new PendingRequests(tx, fx.clock);
        persons = new Persons(tx, fx.clock);
        IssuerKeyResolver keys =
                (iss, dwk, kid) ->
                        iss.equals(OTHER_RESOURCE)
                                ? otherKeys.jwks().byKid(kid).orElseThrow()
                                : fx.resolver.resolve(iss, dwk, kid);
        TokenVerifier tokens =
                new TokenVerifier(
                        keys, fx.clock, SecurityMode.STRICT, VerifiedTokenCache.disabled(fx.clock));
        exchange =
                new TokenExchange(
                        TokenExchange.Dependencies.builder()
                                .requests(
                                        fx.verifier(
                                                TokenExchange.policy(List.of()),
                                                VerifiedTokenCache.disabled(fx.clock)))
                                .tokens(tokens)
                                .scopeDescriptions(
                                        resource -> {
                                            if (!resource.equals(RESOURCE)
                                                    && !resource.equals(OTHER_RESOURCE)) {
                                                throw new AAuthException(
                                                        AAuthError.INVALID_RESOURCE_TOKEN,
                                                        "no metadata");
                                            }
                                            return DESCRIBED;
                                        })
                                .policy(
                                        new PolicyDecider(
                                                settings, bindings, new InMemoryConsentStore()))
                                .issuer(fx.ps)
                                .pairwise(new PairwiseSubject(Optional.of("s3cret")))
                                .bindings(bindings)
                                .issued(issued)
                                .decisions(decisions)
                                .settings(settings)
                                .clock(fx.clock)
                                .deferred(
                                        new DeferredResponses(
                                                new StorePendingRequests(pending),
                                                new StorePersonIds(persons),
                                                new DeferredResponses.Settings(
                                                        settings.pendingLifetime(), RETRY),
                                                fx.clock))
                                .build());
    }

    @AfterEach
    void close() {
        if (factory.isOpen()) {
            factory.close();
        }
    }

    @Test
    @DisplayName(
            "server_error (500): Internal error, on polls, updates and cancellations (the store is gone)")
    void serverErrorWhenTheStoreFails() {
        TokenResponse.Pending p = defer("require:user");
        factory.close();
        fails(AAuthError.SERVER_ERROR, () -> poll(p));
        fails(AAuthError.SERVER_ERROR, () -> respond(p, Map.of("clarification_response", "x")));
        fails(
                AAuthError.SERVER_ERROR,
                () -> exchange.cancel(signed("DELETE", url(p), fx.agentKey), p.id()));
    }

    // --- requests of the agent
    // ---------------------------------------------------------------------

    String resourceToken(TokenIssuer resource, SigningKey key, String... scopes) {
        return resource.resourceToken(
                        PS,
                        AGENT,
                        key.publicJwk().thumbprint(),
                        List.of(scopes),
                        null,
                        Duration.ofMinutes(5))
                .compact();
    }

    String resourceToken(String... scopes) {
        return resourceToken(fx.resource, fx.agentKey, scopes);
    }

    dev.aauth.httpsig.HttpRequestMessage signed(String method, String url, SigningKey key) {
        AAuthFixture.Request r =
                new AAuthFixture.Request(method, url).set("content-type", "application/json");
        SignatureKey jwt = new SignatureKey.Jwt(fx.agentTokenFor(key.publicJwk()).compact());
        r.apply(
                new AAuthRequestSigner(key, fx.clock)
                        .sign(r.method, r.target, r.lookup(), jwt, List.of()));
        return r.message();
    }

    static byte[] json(Map<String, ?> body) {
        return JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    /** A token request that needs the person: 202; returns it. */
    TokenResponse.Pending defer(Map<String, ?> body) {
        return assertInstanceOf(
                TokenResponse.Pending.class,
                exchange.exchange(signed("POST", PS + "/aauth/token", fx.agentKey), json(body)));
    }

    TokenResponse.Pending defer(String... scopes) {
        return defer(Map.of("resource_token", resourceToken(scopes)));
    }

    String url(TokenResponse.Pending p) {
        return PS + "/aauth/pending/" + p.id();
    }

    DeferredResponses.PollAnswer poll(TokenResponse.Pending p, SigningKey key) {
        fx.clock.advance(RETRY);
        return exchange.poll(signed("GET", url(p), key), p.id());
    }

    DeferredResponses.PollAnswer poll(TokenResponse.Pending p) {
        return poll(p, fx.agentKey);
    }

    DeferredResponses.Waiting respond(TokenResponse.Pending p, SigningKey key, byte[] body) {
        return exchange.respond(signed("POST", url(p), key), p.id(), body);
    }

    DeferredResponses.Waiting respond(TokenResponse.Pending p, Map<String, ?> body) {
        return respond(p, fx.agentKey, json(body));
    }

    // --- the person's side, through the store
    // --------------------------------------------------------

    String alice() {
        return persons.findByUsername("alice").orElseThrow().id();
    }

    /** The person arrives with the code: interacting. */
    void arrive(TokenResponse.Pending p) {
        assertTrue(
                pending.redeemInteractionCode(
                                InteractionCode.parse(p.code()).orElseThrow(), alice())
                        .won());
    }

    void ask(TokenResponse.Pending p, String question) {
        assertTrue(
                pending.askClarification(
                        p.id(), alice(), question, PendingRequests.MAX_CLARIFICATION_ROUNDS));
    }

    PendingRequest stored(TokenResponse.Pending p) {
        return pending.find(p.id()).orElseThrow();
    }

    static AAuthException fails(AAuthError code, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(code, e.error(), e.detail());
        return e;
    }

    @Nested
    class Clarification {

        @Test
        @DisplayName(
                "Clarification Required: requirement=clarification, the body MUST include clarification; timeout = seconds until the server times out the request")
        void openQuestionIsClarificationRequired() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            ask(p, "Why do you need this?");
            fx.clock.advance(Duration.ofMinutes(1));
            DeferredResponses.Waiting w =
                    assertInstanceOf(DeferredResponses.Waiting.class, poll(p));
            assertTrue(w.asksClarification());
            assertEquals("interacting", w.status());
            assertEquals("Why do you need this?", w.clarification());
            assertEquals(
                    Duration.ofMinutes(10).minusMinutes(1).minus(RETRY).toSeconds(), w.timeout());
            assertEquals(5, w.retryAfter());
        }

        @Test
        @DisplayName(
                "Clarification response: POST a clarification_response to the pending URL; the question is answered once")
        void clarificationResponseAnswersTheQuestion() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            ask(p, "Why?");
            DeferredResponses.Waiting after =
                    respond(p, Map.of("clarification_response", "To **book** a room."));
            assertEquals(
                    new DeferredResponses.Waiting("interacting", 5),
                    after,
                    "the POST is no poll: Retry-After unchanged");
            assertEquals(Optional.of("To **book** a room."), stored(p).clarificationResponse());
            assertEquals(Optional.of("Why?"), stored(p).clarification());
            assertFalse(
                    assertInstanceOf(DeferredResponses.Waiting.class, poll(p)).asksClarification());
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> respond(p, Map.of("clarification_response", "again")));
        }

        @Test
        @DisplayName("invalid_request (400): a clarification_response while no question is open")
        void clarificationResponseWithoutQuestionIsInvalidRequest() {
            TokenResponse.Pending p = defer("require:user");
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> respond(p, Map.of("clarification_response", "unasked")));
            arrive(p);
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> respond(p, Map.of("clarification_response", "unasked")));
        }

        @Test
        @DisplayName(
                "PSes MUST enforce a maximum number of clarification rounds (recommended: 5 rounds maximum)")
        void atMostFiveRounds() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            for (int round = 1; round <= 5; round++) {
                ask(p, "question " + round);
                respond(p, Map.of("clarification_response", "answer " + round));
            }
            assertFalse(
                    pending.askClarification(
                            p.id(), alice(), "a sixth", PendingRequests.MAX_CLARIFICATION_ROUNDS));
            assertEquals(5, stored(p).clarificationRounds());
            assertFalse(
                    assertInstanceOf(DeferredResponses.Waiting.class, poll(p)).asksClarification());
        }

        @Test
        @DisplayName(
                "Servers MUST verify the agent's identity: another key of the agent POSTing gets the unknown-id answer (410)")
        void anotherKeyGetsTheUnknownIdAnswer() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            ask(p, "Why?");
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "other");
            AAuthException foreign =
                    fails(
                            AAuthError.INVALID_CODE,
                            () -> respond(p, other, json(Map.of("clarification_response", "me"))));
            AAuthException unknown =
                    fails(
                            AAuthError.INVALID_CODE,
                            () ->
                                    exchange.respond(
                                            signed("POST", PS + "/aauth/pending/nope", fx.agentKey),
                                            "nope",
                                            json(Map.of("clarification_response", "me"))));
            assertEquals(unknown.detail(), foreign.detail());
            assertTrue(stored(p).awaitsClarificationResponse(), "nothing changed");
        }

        @Test
        @DisplayName(
                "invalid_request (400): malformed JSON, both or neither member, not a string, control characters, too long")
        void malformedBodiesAreInvalidRequest() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            ask(p, "Why?");
            for (String body :
                    List.of(
                            "{\"clarification_response\":",
                            "[]",
                            "{}",
                            "{\"clarification_response\":42}",
                            "{\"clarification_response\":\"a\",\"resource_token\":\"b\"}",
                            "{\"clarification_response\":\"\"}",
                            "{\"clarification_response\":\"bell\\u0007\"}",
                            "{\"resource_token\":\"\"}",
                            JsonUtil.toJson(
                                    Map.of(
                                            "clarification_response",
                                            "x".repeat(PendingUpdate.MAX_TEXT_CHARS + 1))))) {
                fails(
                        AAuthError.INVALID_REQUEST,
                        () -> respond(p, fx.agentKey, body.getBytes(StandardCharsets.UTF_8)));
            }
            fails(AAuthError.INVALID_REQUEST, () -> respond(p, fx.agentKey, new byte[0]));
            assertTrue(stored(p).awaitsClarificationResponse());
            respond(p, Map.of("clarification_response", "line one\nline two\ttabbed"));
        }

        @Test
        @DisplayName("Cancel Request: DELETE while a question is open; then 410 for POST and GET")
        void cancelDuringClarification() {
            TokenResponse.Pending p = defer("require:user");
            arrive(p);
            ask(p, "Why?");
            exchange.cancel(signed("DELETE", url(p), fx.agentKey), p.id());
            fails(
                    AAuthError.INVALID_CODE,
                    () -> respond(p, Map.of("clarification_response", "late")));
            fails(AAuthError.INVALID_CODE, () -> poll(p));
        }
    }

    @Nested
    class UpdatedRequest {

        @Test
        @DisplayName(
                "Updated request: POST a new resource_token replacing the original request; the justification replaces the old one")
        void updatedResourceTokenReplacesTheRequest() {
            TokenResponse.Pending p =
                    defer(
                            Map.of(
                                    "resource_token",
                                    resourceToken("require:user", "data.write"),
                                    "justification",
                                    "first"));
            arrive(p);
            ask(p, "Why write?");
            String reduced = resourceToken("require:user", "data.read");
            DeferredResponses.Waiting w =
                    respond(
                            p,
                            Map.of(
                                    "resource_token",
                                    reduced,
                                    "justification",
                                    "I've reduced my request to read-only access."));
            assertFalse(w.asksClarification(), "the update answers the question");
            PendingRequest after = stored(p);
            assertEquals(reduced, after.resourceToken());
            assertEquals(java.util.Set.of("require:user", "data.read"), after.scopes());
            assertEquals(
                    Optional.of("I've reduced my request to read-only access."),
                    after.justification());
            respond(p, Map.of("resource_token", resourceToken("require:user")));
            assertEquals(
                    Optional.of("I've reduced my request to read-only access."),
                    stored(p).justification(),
                    "without a justification the stored one stays");
        }

        @Test
        @DisplayName(
                "The new resource token MUST have the same iss as the original: invalid_resource_token (400)")
        void otherIssIsInvalidResourceToken() {
            TokenResponse.Pending p = defer("require:user");
            AAuthException e =
                    fails(
                            AAuthError.INVALID_RESOURCE_TOKEN,
                            () ->
                                    respond(
                                            p,
                                            Map.of(
                                                    "resource_token",
                                                    resourceToken(
                                                            otherResource,
                                                            fx.agentKey,
                                                            "data.read"))));
            assertTrue(e.detail().contains("same iss"), e.detail());
            assertEquals(List.of("require:user"), List.copyOf(stored(p).scopes()));
        }

        @Test
        @DisplayName(
                "The new resource token MUST have the same agent_jkt: a token for another key is invalid_resource_token (400)")
        void otherAgentJktIsInvalidResourceToken() {
            TokenResponse.Pending p = defer("require:user");
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "other");
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            respond(
                                    p,
                                    Map.of(
                                            "resource_token",
                                            resourceToken(fx.resource, other, "data.read"))));
        }

        @Test
        @DisplayName("expired_resource_token (400): an updated resource token that has expired")
        void expiredUpdatedResourceToken() {
            TokenResponse.Pending p = defer("require:user");
            String rt = resourceToken("data.read");
            fx.clock.advance(Duration.ofMinutes(6));
            fails(
                    AAuthError.EXPIRED_RESOURCE_TOKEN,
                    () -> respond(p, Map.of("resource_token", rt)));
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): an updated resource token with a scope outside scope_descriptions, or forged")
        void unknownScopeOrForgedUpdate() {
            TokenResponse.Pending p = defer("require:user");
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> respond(p, Map.of("resource_token", resourceToken("data.admin"))));
            TokenIssuer forger =
                    new TokenIssuer(
                            RESOURCE,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1")),
                            fx.clock);
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () ->
                            respond(
                                    p,
                                    Map.of(
                                            "resource_token",
                                            resourceToken(forger, fx.agentKey, "data.read"))));
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> respond(p, Map.of("resource_token", "not.a.jwt")));
        }

        @Test
        @DisplayName(
                "an update a deny rule covers: 403 denied, the one terminal answer, then 410; the decision recorded")
        void deniedUpdateEndsTheRequest() {
            TokenResponse.Pending p = defer("require:user");
            fails(
                    AAuthError.DENIED,
                    () -> respond(p, Map.of("resource_token", resourceToken("data.delete"))));
            fails(AAuthError.INVALID_CODE, () -> poll(p));
            assertEquals(dev.aauth.jakarta.store.RequestStatus.DENIED, stored(p).status());
        }

        @Test
        @DisplayName(
                "an update after the person decided is invalid_request (poll for the answer); after the answer 410")
        void updateAfterDecisionIsRefused() {
            TokenResponse.Pending p = defer("require:user");
            assertTrue(pending.approve(p.id(), alice(), "ok"));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> respond(p, Map.of("resource_token", resourceToken("data.read"))));
            assertInstanceOf(DeferredResponses.Token.class, poll(p));
            fails(
                    AAuthError.INVALID_CODE,
                    () -> respond(p, Map.of("resource_token", resourceToken("data.read"))));
        }
    }

    @Nested
    class TokenAfterApproval {

        /** Approves as the person the request is bound to and polls: the token's claims. */
        Map<String, Object> approvedClaims(TokenResponse.Pending p, String audience) {
            assertTrue(pending.approve(p.id(), stored(p).personId().orElseThrow(), "ok"));
            DeferredResponses.Token t = assertInstanceOf(DeferredResponses.Token.class, poll(p));
            fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock))
                    .verifyAuthToken(t.granted().authToken(), audience);
            return dev.aauth.jose.Jws.parse(t.granted().authToken()).claims();
        }

        @Test
        @DisplayName(
                "identity scopes (profile, email) add the person's name and email to the token the person approved")
        void identityScopesAddThePersonsClaims() {
            persons.create("alice", "Alice Example", "alice@example.test");
            Map<String, Object> claims =
                    approvedClaims(defer("openid", "profile", "email", "data.read"), RESOURCE);
            assertEquals("alice@example.test", claims.get("email"));
            assertEquals("Alice Example", claims.get("name"));
            assertEquals(
                    new PairwiseSubject(Optional.of("s3cret")).of("alice", RESOURCE),
                    claims.get("sub"));
            assertEquals("data.read email openid profile", claims.get("scope"));
        }

        @Test
        @DisplayName(
                "only the claims of the scopes granted: email without profile gives no name; no identity scope, no claims")
        void onlyTheClaimsOfTheGrantedScopes() {
            persons.create("alice", "Alice Example", "alice@example.test");
            Map<String, Object> emailOnly = approvedClaims(defer("email"), RESOURCE);
            assertEquals("alice@example.test", emailOnly.get("email"));
            assertFalse(emailOnly.containsKey("name"));
            Map<String, Object> none = approvedClaims(defer("require:user", "data.read"), RESOURCE);
            assertFalse(none.containsKey("email") || none.containsKey("name"), none.toString());
        }

        @Test
        @DisplayName(
                "identity claims only for scopes in scopes_supported and claims in claims_supported, and only values the person has")
        void onlyDeclaredClaimsAndKnownValues() {
            assertEquals(
                    Map.of("email", "e@x"),
                    IdentityClaims.of(
                            List.of("profile", "email"),
                            List.of("openid", "profile", "email"),
                            List.of("sub", "email"),
                            Optional.of("Name"),
                            Optional.of("e@x")));
            assertEquals(
                    Map.of(),
                    IdentityClaims.of(
                            List.of("email"),
                            List.of("openid", "profile"),
                            List.of("email"),
                            Optional.empty(),
                            Optional.of("e@x")));
            assertEquals(
                    Map.of("name", "Name"),
                    IdentityClaims.of(
                            List.of("profile", "email"),
                            List.of("profile", "email"),
                            List.of("name", "email"),
                            Optional.of("Name"),
                            Optional.empty()));
        }

        @Test
        @DisplayName(
                "identity scopes never give a direct grant: they go to the person (only with the person's consent)")
        void identityScopesAlwaysGoToThePerson() {
            defer("email");
            defer("profile");
        }

        @Test
        @DisplayName(
                "call chaining after approval: act nests the upstream chain, sub and the decider are the upstream person")
        void chainedRequestAfterApprovalNestsTheActor() {
            String userAgent = "aauth:assistant@agents.example";
            dev.aauth.token.MintedToken up =
                    fx.ps.authToken(
                            dev.aauth.token.Dwk.PERSON,
                            MIDDLE,
                            userAgent,
                            fx.agentKey.publicJwk(),
                            dev.aauth.token.Actor.of(userAgent),
                            "sub-at-middle",
                            List.of("middle.read"),
                            null,
                            Duration.ofMinutes(30),
                            0,
                            Map.of());
            issued.record(
                    new IssuedTokenLog.IssuedToken(
                            up.jti(),
                            userAgent,
                            MIDDLE,
                            "carol",
                            "sub-at-middle",
                            List.of("middle.read"),
                            up.issuedAt(),
                            up.expiresAt()));
            TokenResponse.Pending p =
                    defer(
                            Map.of(
                                    "resource_token",
                                    resourceToken("require:user"),
                                    "upstream_token",
                                    up.compact()));
            assertEquals(
                    persons.findByUsername("carol").map(dev.aauth.jakarta.store.Person::id),
                    stored(p).personId(),
                    "the upstream person decides");
            Map<String, Object> claims = approvedClaims(p, RESOURCE);
            assertEquals(Map.of("sub", AGENT, "act", Map.of("sub", userAgent)), claims.get("act"));
            assertEquals(
                    new PairwiseSubject(Optional.of("s3cret")).of("carol", RESOURCE),
                    claims.get("sub"));
        }

        @Test
        @DisplayName(
                "decisions of direct grants, denials and deferrals record the person the agent is bound to")
        void decisionsRecordThePerson() {
            defer("require:user");
            fails(
                    AAuthError.DENIED,
                    () ->
                            exchange.exchange(
                                    signed("POST", PS + "/aauth/token", fx.agentKey),
                                    json(Map.of("resource_token", resourceToken("data.delete")))));
            assertTrue(
                    decisions.recent().stream().allMatch(e -> "alice".equals(e.person())),
                    decisions.recent().toString());
            assertEquals(
                    List.of("interaction", "deny"),
                    decisions.recent().stream().map(DecisionLog.Entry::outcome).toList());
        }

        @Test
        @DisplayName(
                "cnf: the key bound to the request (agent_jkt); a poll signed by another key of the agent gets 410 and changes nothing")
        void cnfIsTheRequestsKey() {
            TokenResponse.Pending p = defer("require:user");
            assertTrue(pending.approve(p.id(), alice(), "ok"));
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "other");
            fails(AAuthError.INVALID_CODE, () -> poll(p, other));
            fails(
                    AAuthError.INVALID_CODE,
                    () -> exchange.cancel(signed("DELETE", url(p), other), p.id()));
            DeferredResponses.Token t = assertInstanceOf(DeferredResponses.Token.class, poll(p));
            var token =
                    fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock))
                            .verifyAuthTokenResponse(
                                    t.granted().authToken(),
                                    PS,
                                    RESOURCE,
                                    fx.agentKey.publicJwk(),
                                    AGENT);
            assertEquals(AGENT, token.act().sub());
            assertNull(token.act().act());
        }
    }
}
