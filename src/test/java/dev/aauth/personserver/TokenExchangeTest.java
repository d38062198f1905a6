package dev.aauth.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.AP;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The PS token endpoint's logic ("Agent Token Request", "PS Response", "Token Endpoint Error
 * Codes") in memory: an Agent Provider, this Person Server and a resource from {@link
 * AAuthFixture}.
 */
class TokenExchangeTest {

    static final String TOKEN_URL = PS + "/aauth/token";

    /** The resource the agent {@link AAuthFixture#AGENT} also is (call chaining). */
    static final String MIDDLE = "https://middle.example";

    static final String USER_AGENT = "aauth:assistant@agents.example";
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

    final AAuthFixture fx = new AAuthFixture();
    final InMemoryAgentBindings bindings = new InMemoryAgentBindings(Map.of(AGENT, "alice"));
    final InMemoryConsentStore consents = new InMemoryConsentStore();
    final InMemoryDecisionLog decisions = new InMemoryDecisionLog();
    IssuedTokenLog issued = new InMemoryIssuedTokenLog(fx.clock);
    final PersonServerSettings settings =
            new PersonServerSettings(
                    List.of("openid", "email"),
                    List.of("sub"),
                    Duration.ofHours(1),
                    List.of("require:user"),
                    PolicyRule.parseAll(AGENT + " | " + RESOURCE + " | data.delete"),
                    PolicyRule.parseAll(AGENT + " | " + RESOURCE + " | data.read"),
                    Map.of(AGENT, "alice"),
                    Optional.of("s3cret"),
                    Map.of(AGENT, MIDDLE));

    TokenExchange exchange() {
        return new TokenExchange(dependencies().build());
    }

    TokenExchange.Builder dependencies() {
        return TokenExchange.Dependencies.builder()
                .requests(
                        fx.verifier(
                                TokenExchange.policy(List.of()),
                                new VerifiedTokenCache(100, fx.clock)))
                .tokens(fx.tokenVerifier(new VerifiedTokenCache(100, fx.clock)))
                .scopeDescriptions(
                        resource -> {
                            if (!resource.equals(RESOURCE)) {
                                throw new AAuthException(
                                        AAuthError.INVALID_RESOURCE_TOKEN, "no metadata");
                            }
                            return DESCRIBED;
                        })
                .policy(new PolicyDecider(settings, bindings, consents))
                .issuer(fx.ps)
                .pairwise(new PairwiseSubject(Optional.of("s3cret")))
                .bindings(bindings)
                .issued(issued)
                .decisions(decisions)
                .settings(settings)
                .clock(fx.clock);
    }

    String resourceToken(String... scopes) {
        return fx.resource
                .resourceToken(
                        PS,
                        AGENT,
                        fx.agentKey.publicJwk().thumbprint(),
                        List.of(scopes),
                        null,
                        Duration.ofMinutes(5))
                .compact();
    }

    static String body(String resourceToken) {
        return JsonUtil.toJson(Map.of("resource_token", resourceToken));
    }

    TokenResponse post(SignatureKey key, String body) {
        return post(fx.agentKey, key, body);
    }

    TokenResponse post(SigningKey signer, SignatureKey key, String body) {
        AAuthFixture.Request r =
                new AAuthFixture.Request("POST", TOKEN_URL).set("content-type", "application/json");
        r.apply(
                new dev.aauth.profile.AAuthRequestSigner(signer, fx.clock)
                        .sign(r.method, r.target, r.lookup(), key, List.of()));
        return exchange()
                .exchange(
                        r.message(),
                        body == null
                                ? null
                                : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    TokenResponse post(String body) {
        return post(new SignatureKey.Jwt(fx.agentToken()), body);
    }

    static AAuthException fails(AAuthError code, org.junit.jupiter.api.function.Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(code, e.error(), e.detail());
        return e;
    }

    @Nested
    @DisplayName("issue 12: a token-endpoint rate limit per agent (429 with Retry-After)")
    class RateLimit {
        @Test
        void overTheRateIsSlowDownWithRetryAfter() {
            TokenExchange limited =
                    new TokenExchange(
                            dependencies()
                                    .scopeDescriptions(resource -> DESCRIBED)
                                    .grants(DirectGrantLog.of(issued, decisions))
                                    .tokenRequests(
                                            new dev.aauth.profile.RateLimiter(
                                                    2, Duration.ofMinutes(1), 10, fx.clock))
                                    .build());
            String agentToken = fx.agentToken();
            for (int i = 0; i < 2; i++) {
                assertInstanceOf(
                        TokenResponse.Granted.class,
                        send(
                                limited,
                                new SignatureKey.Jwt(agentToken),
                                body(resourceToken("data.read"))));
            }
            AAuthException e =
                    fails(
                            AAuthError.SLOW_DOWN,
                            () ->
                                    send(
                                            limited,
                                            new SignatureKey.Jwt(agentToken),
                                            body(resourceToken("data.read"))));
            assertEquals(429, e.status());
            assertEquals(30, e.retryAfter());
            fx.clock.advance(Duration.ofSeconds(30));
            assertInstanceOf(
                    TokenResponse.Granted.class,
                    send(
                            limited,
                            new SignatureKey.Jwt(agentToken),
                            body(resourceToken("data.read"))));
        }

        TokenResponse send(TokenExchange x, SignatureKey key, String body) {
            AAuthFixture.Request r =
                    new AAuthFixture.Request("POST", TOKEN_URL)
                            .set("content-type", "application/json");
            r.apply(
                    new dev.aauth.profile.AAuthRequestSigner(fx.agentKey, fx.clock)
                            .sign(r.method, r.target, r.lookup(), key, List.of()));
            return x.exchange(r.message(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Nested
    class DirectGrant {

        @Test
        @DisplayName(
                "Direct grant response (200): an aa-auth+jwt that passes Auth Token Response Verification")
        void directGrantIsAnAuthTokenForTheResource() {
            TokenResponse.Granted g =
                    assertInstanceOf(
                            TokenResponse.Granted.class, post(body(resourceToken("data.read"))));
            TokenVerifier v = fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock));
            AuthToken t =
                    v.verifyAuthTokenResponse(
                            g.authToken(), PS, RESOURCE, fx.agentKey.publicJwk(), AGENT);
            assertEquals("aauth-person.json", t.dwk());
            assertEquals(AGENT, t.act().sub());
            assertNull(t.act().act());
            assertEquals(List.of("data.read"), t.scope());
            assertEquals(3600, g.expiresIn());
            assertEquals(t.expiresAt() - t.issuedAt(), g.expiresIn());
        }

        @Test
        @DisplayName("sub: a pairwise pseudonymous identifier per resource (aud)")
        void subIsPairwisePerResource() {
            TokenResponse.Granted g =
                    (TokenResponse.Granted) post(body(resourceToken("data.read")));
            AuthToken t =
                    fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock))
                            .verifyAuthToken(g.authToken(), RESOURCE);
            PairwiseSubject pairwise = new PairwiseSubject(Optional.of("s3cret"));
            assertEquals(pairwise.of("alice", RESOURCE), t.subject());
            assertTrue(
                    !pairwise.of("alice", RESOURCE)
                            .equals(pairwise.of("alice", "https://other.example")));
        }

        @Test
        @DisplayName("Auth tokens MUST NOT ... exceed 1 hour, and never outlive the agent token")
        void authTokenNeverOutlivesTheAgentToken() {
            MintedToken shortAgentToken =
                    fx.ap.agentToken(
                            AGENT, fx.agentKey.publicJwk(), PS, Duration.ofMinutes(10), Map.of());
            TokenResponse.Granted g =
                    (TokenResponse.Granted)
                            post(
                                    new SignatureKey.Jwt(shortAgentToken.compact()),
                                    body(resourceToken("data.read")));
            assertEquals(600, g.expiresIn());
        }

        @Test
        @DisplayName("jti recorded; the decision and its reason are recorded")
        void jtiAndDecisionAreRecorded() {
            TokenResponse.Granted g =
                    (TokenResponse.Granted) post(body(resourceToken("data.read")));
            IssuedTokenLog.IssuedToken rec = issued.find(g.jti()).orElseThrow();
            assertEquals(AGENT, rec.agent());
            assertEquals(RESOURCE, rec.resource());
            DecisionLog.Entry last = decisions.recent().get(decisions.recent().size() - 1);
            assertEquals("grant", last.outcome());
            assertEquals("autonomous", last.reason());
            assertEquals(g.jti(), last.authTokenJti());
            assertEquals(
                    "alice",
                    last.person(),
                    "the direct grant's decision records the agent's person");
        }

        @Test
        @DisplayName("remembered consent of the agent's person gives a direct grant")
        void rememberedConsentGrants() {
            consents.remember("alice", AGENT, RESOURCE, List.of("data.write"));
            assertInstanceOf(TokenResponse.Granted.class, post(body(resourceToken("data.write"))));
        }
    }

    @Nested
    class InvalidRequest {

        @Test
        @DisplayName("invalid_request (400): Malformed JSON")
        void invalidRequestForMalformedJson() {
            AAuthException e =
                    fails(AAuthError.INVALID_REQUEST, () -> post("{\"resource_token\":"));
            assertEquals(400, e.status());
        }

        @Test
        @DisplayName("invalid_request (400): missing required fields (resource_token)")
        void invalidRequestForMissingResourceToken() {
            fails(AAuthError.INVALID_REQUEST, () -> post("{\"justification\":\"x\"}"));
            fails(AAuthError.INVALID_REQUEST, () -> post("[]"));
            fails(AAuthError.INVALID_REQUEST, () -> post(""));
        }

        @Test
        void invalidRequestForFieldsOfTheWrongType() {
            fails(AAuthError.INVALID_REQUEST, () -> post("{\"resource_token\":42}"));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            post(
                                    JsonUtil.toJson(
                                            Map.of(
                                                    "resource_token",
                                                    resourceToken("data.read"),
                                                    "login_hint",
                                                    List.of("a")))));
        }

        @Test
        void invalidRequestForOversizedBody() {
            String big = "{\"resource_token\":\"" + "a".repeat(TokenRequest.MAX_BODY_BYTES) + "\"}";
            fails(AAuthError.INVALID_REQUEST, () -> post(big));
        }

        @Test
        @DisplayName(
                "device MUST consist of UTF-8 printable characters only and MUST NOT exceed 64 characters")
        void deviceMustBePrintableAndAtMost64Characters() {
            String rt = resourceToken("data.read");
            assertInstanceOf(
                    TokenResponse.Granted.class,
                    post(
                            JsonUtil.toJson(
                                    Map.of(
                                            "resource_token",
                                            rt,
                                            "device",
                                            "Chrome on macOS",
                                            "platform",
                                            "web",
                                            "justification",
                                            "Find meeting times"))));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            post(
                                    JsonUtil.toJson(
                                            Map.of(
                                                    "resource_token",
                                                    rt,
                                                    "device",
                                                    "x".repeat(65)))));
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            post(
                                    JsonUtil.toJson(
                                            Map.of("resource_token", rt, "device", "bad\nline"))));
            assertTrue(TokenRequest.isValidDevice("é".repeat(64)));
        }
    }

    @Nested
    class CallChaining {

        /**
         * An auth token of this PS for the user's agent at {@link #MIDDLE}, recorded as issued when
         * {@code record}.
         */
        String upstream(boolean record, String audience) {
            MintedToken t =
                    fx.ps.authToken(
                            dev.aauth.token.Dwk.PERSON,
                            audience,
                            USER_AGENT,
                            fx.agentKey.publicJwk(),
                            dev.aauth.token.Actor.of(USER_AGENT),
                            "sub-at-middle",
                            List.of("middle.read"),
                            null,
                            Duration.ofMinutes(30),
                            0,
                            Map.of());
            if (record) {
                issued.record(
                        new IssuedTokenLog.IssuedToken(
                                t.jti(),
                                USER_AGENT,
                                audience,
                                "bob",
                                "sub-at-middle",
                                List.of("middle.read"),
                                t.issuedAt(),
                                t.expiresAt()));
            }
            return t.compact();
        }

        TokenResponse chained(String upstreamToken) {
            return post(
                    JsonUtil.toJson(
                            Map.of(
                                    "resource_token",
                                    resourceToken("data.read"),
                                    "upstream_token",
                                    upstreamToken)));
        }

        @Test
        @DisplayName(
                "Call chaining: act nests the upstream token's act inside a new act identifying the intermediary")
        void actNestsTheUpstreamChain() {
            TokenResponse.Granted g = (TokenResponse.Granted) chained(upstream(true, MIDDLE));
            AuthToken t =
                    fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock))
                            .verifyAuthToken(g.authToken(), RESOURCE);
            assertEquals(AGENT, t.act().sub());
            assertEquals(USER_AGENT, t.act().act().sub());
            assertNull(t.act().act().act());
            assertEquals(
                    new PairwiseSubject(Optional.of("s3cret")).of("bob", RESOURCE),
                    t.subject(),
                    "the upstream person");
            assertEquals("bob", issued.find(g.jti()).orElseThrow().person());
        }

        @Test
        @DisplayName(
                "Verify the aud in the upstream token matches the resource that is now acting as an agent")
        void upstreamForAnotherResourceIsRefused() {
            fails(
                    AAuthError.INVALID_REQUEST,
                    () -> chained(upstream(true, "https://elsewhere.example")));
        }

        @Test
        @DisplayName(
                "A revoked upstream token is refused (invalid_request): revocation at the PS reaches call chaining too")
        void revokedUpstreamIsRefused() {
            String up = upstream(true, MIDDLE);
            ((InMemoryIssuedTokenLog) issued)
                    .revoke((String) dev.aauth.jose.Jws.parse(up).claims().get("jti"));
            fails(AAuthError.INVALID_REQUEST, () -> chained(up));
        }

        @Test
        @DisplayName("Verify iss is trusted: only auth tokens this PS issued (jti recorded)")
        void upstreamNotIssuedHereIsRefused() {
            fails(AAuthError.INVALID_REQUEST, () -> chained(upstream(false, MIDDLE)));
        }

        @Test
        @DisplayName(
                "Perform Auth Token Verification on the upstream token: an expired one is refused")
        void expiredUpstreamIsRefused() {
            String up = upstream(true, MIDDLE);
            fx.clock.advance(Duration.ofMinutes(31));
            // the agent token (1 h) and a fresh resource token are still valid
            fails(AAuthError.INVALID_REQUEST, () -> chained(up));
        }

        @Test
        @DisplayName("an agent that is no resource known here cannot present an upstream token")
        void agentWithoutResourceIdentityIsRefused() {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            String other = "aauth:other@agents.example";
            String agentToken =
                    fx.ap.agentToken(other, key.publicJwk(), PS, Duration.ofHours(1), Map.of())
                            .compact();
            String rt =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    other,
                                    key.publicJwk().thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            fails(
                    AAuthError.INVALID_REQUEST,
                    () ->
                            post(
                                    key,
                                    new SignatureKey.Jwt(agentToken),
                                    JsonUtil.toJson(
                                            Map.of(
                                                    "resource_token",
                                                    rt,
                                                    "upstream_token",
                                                    upstream(true, MIDDLE)))));
        }
    }

    @Nested
    class AgentToken {

        @Test
        @DisplayName(
                "invalid_agent_token (400): Agent token malformed or signature verification failed")
        void invalidAgentTokenForForgedSignature() {
            TokenIssuer forger =
                    new TokenIssuer(
                            AP,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1")),
                            fx.clock);
            String forged =
                    forger.agentToken(
                                    AGENT,
                                    fx.agentKey.publicJwk(),
                                    PS,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            AAuthException e =
                    fails(
                            AAuthError.INVALID_AGENT_TOKEN,
                            () ->
                                    post(
                                            new SignatureKey.Jwt(forged),
                                            body(resourceToken("data.read"))));
            assertEquals(400, e.status());
            fails(
                    AAuthError.INVALID_AGENT_TOKEN,
                    () ->
                            post(
                                    new SignatureKey.Jwt("not.a.jwt"),
                                    body(resourceToken("data.read"))));
        }

        @Test
        @DisplayName(
                "the agent MUST present its agent token: an auth token in Signature-Key is invalid_agent_token")
        void wrongTokenTypeInSignatureKeyIsInvalidAgentToken() {
            fails(
                    AAuthError.INVALID_AGENT_TOKEN,
                    () ->
                            post(
                                    new SignatureKey.Jwt(fx.authToken(List.of("data.read"))),
                                    body(resourceToken("data.read"))));
        }

        @Test
        @DisplayName("expired_agent_token (400): Agent token has expired")
        void expiredAgentToken() {
            String agentToken =
                    fx.ap.agentToken(
                                    AGENT,
                                    fx.agentKey.publicJwk(),
                                    PS,
                                    Duration.ofMinutes(1),
                                    Map.of())
                            .compact();
            fx.clock.advance(Duration.ofMinutes(2));
            AAuthException e =
                    fails(
                            AAuthError.EXPIRED_AGENT_TOKEN,
                            () ->
                                    post(
                                            new SignatureKey.Jwt(agentToken),
                                            body(resourceToken("data.read"))));
            assertEquals(400, e.status());
        }

        @Test
        @DisplayName("scheme=jwt is REQUIRED: another scheme stays a 401 Signature-Error")
        void otherSchemesAreSignatureErrors() {
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () ->
                                    post(
                                            new SignatureKey.Hwk(fx.agentKey.publicJwk()),
                                            body(resourceToken("data.read"))));
            assertEquals(AAuthError.Family.SIGNATURE, e.error().family());
            assertEquals(401, e.status());
        }

        @Test
        @DisplayName(
                "a request signed by another key than the agent token's cnf is invalid_signature (401)")
        void requestSignedByAnotherKeyIsInvalidSignature() {
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            fails(
                    AAuthError.INVALID_SIGNATURE,
                    () ->
                            post(
                                    other,
                                    new SignatureKey.Jwt(fx.agentToken()),
                                    body(resourceToken("data.read"))));
        }
    }

    @Nested
    class ResourceTokenVerification {

        @Test
        @DisplayName(
                "invalid_resource_token (400): Resource token malformed or signature verification failed")
        void invalidResourceTokenForBadSignature() {
            TokenIssuer forger =
                    new TokenIssuer(
                            RESOURCE,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1")),
                            fx.clock);
            String forged =
                    forger.resourceToken(
                                    PS,
                                    AGENT,
                                    fx.agentKey.publicJwk().thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            AAuthException e = fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> post(body(forged)));
            assertEquals(400, e.status());
            fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> post(body("garbage")));
        }

        @Test
        @DisplayName("expired_resource_token (400): Resource token has expired")
        void expiredResourceToken() {
            String rt = resourceToken("data.read");
            fx.clock.advance(Duration.ofMinutes(6));
            fails(AAuthError.EXPIRED_RESOURCE_TOKEN, () -> post(body(rt)));
        }

        @Test
        @DisplayName(
                "Verify aud matches the recipient's own identifier: a foreign resource token is invalid_resource_token")
        void foreignResourceTokenIsInvalid() {
            String rt =
                    fx.resource
                            .resourceToken(
                                    "https://other-ps.example",
                                    AGENT,
                                    fx.agentKey.publicJwk().thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> post(body(rt)));
        }

        @Test
        @DisplayName("Verify agent matches the requesting agent's identifier")
        void resourceTokenForAnotherAgentIsInvalid() {
            String rt =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    "aauth:other@agents.example",
                                    fx.agentKey.publicJwk().thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> post(body(rt)));
        }

        @Test
        @DisplayName(
                "Verify agent_jkt matches the JWK Thumbprint of the key used to sign the HTTP request")
        void wrongAgentJktIsInvalid() {
            String rt =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    AGENT,
                                    SigningKey.generate(SignatureAlgorithm.ED25519, null)
                                            .publicJwk()
                                            .thumbprint(),
                                    List.of("data.read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            fails(AAuthError.INVALID_RESOURCE_TOKEN, () -> post(body(rt)));
        }

        @Test
        @DisplayName(
                "resource scopes MUST be defined in the resource's scope_descriptions metadata")
        void unknownScopeIsInvalidResourceToken() {
            fails(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    () -> post(body(resourceToken("data.read", "data.admin"))));
        }

        @Test
        @DisplayName("identity scopes the PS declares in scopes_supported are known")
        void declaredIdentityScopesAreKnown() {
            // known, so the request reaches the policy, which asks the person
            fails(AAuthError.INTERACTION_REQUIRED, () -> post(body(resourceToken("openid"))));
        }
    }

    @Nested
    class Decisions {

        @Test
        @DisplayName(
                "interaction_required (403): user interaction is needed but no interaction channel is available")
        void interactionRequiredForAlwaysAskScope() {
            AAuthException e =
                    fails(
                            AAuthError.INTERACTION_REQUIRED,
                            () -> post(body(resourceToken("require:user"))));
            assertEquals(403, e.status());
            assertEquals("interaction", decisions.recent().get(0).outcome());
        }

        @Test
        @DisplayName(
                "a bound agent without remembered consent or autonomous rule goes to interaction")
        void interactionRequiredWithoutConsent() {
            fails(AAuthError.INTERACTION_REQUIRED, () -> post(body(resourceToken("data.write"))));
        }

        @Test
        @DisplayName("explicit deny rules: 403 denied, recorded")
        void deniedByExplicitRule() {
            AAuthException e =
                    fails(
                            AAuthError.DENIED,
                            () -> post(body(resourceToken("data.read", "data.delete"))));
            assertEquals(403, e.status());
            assertEquals("deny", decisions.recent().get(0).outcome());
        }

        @Test
        @DisplayName("server_error (500): Internal error")
        void serverErrorWhenStateCannotBeWritten() {
            issued =
                    new IssuedTokenLog() {
                        @Override
                        public void record(IssuedToken token) {
                            throw new IllegalStateException("database down");
                        }

                        @Override
                        public Optional<IssuedToken> find(String jti) {
                            return Optional.empty();
                        }
                    };
            AAuthException e =
                    fails(AAuthError.SERVER_ERROR, () -> post(body(resourceToken("data.read"))));
            assertEquals(500, e.status());
        }
    }
}
