package dev.aauth.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.AP;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ErrorResponse;
import dev.aauth.profile.ReplayCache;
import dev.aauth.sigkey.AcceptSignatureScheme;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pending URL's errors in the draft of the request's flow ({@link TokenExchange.Poller#draft()}
 * decides, {@link ErrorResponse} shapes): a flow begun at the -11 {@code auth_token_endpoint}
 * answers -11 "Polling Error Codes" as "Error Response Format" has them ("Error response bodies use
 * the HTTP problem details format ([RFC9457]) with Content-Type: application/problem+json"); a flow
 * begun at the -01 {@code token_endpoint} answers {@code {"error", "error_description"}} as today.
 * Real flows through {@link TokenExchange} over the in-memory store; one nested class per outcome,
 * each run for both drafts.
 */
class PollingErrorShapesTest {

    static final Map<String, String> DESCRIBED = Map.of("data.write", "Write");
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration RETRY = Duration.ofSeconds(5);

    final AAuthFixture fx = new AAuthFixture();
    final TokenIssuer ap11 = new TokenIssuer(AP, fx.apKeys, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer ps11 = new TokenIssuer(PS, fx.psKeys, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer rs11 =
            new TokenIssuer(RESOURCE, fx.resourceKeys, fx.clock, AAuthProfile.DRAFT_11);
    final IssuerKeyResolver keys11 =
            (iss, dwk, kid) -> AAuthProfile.DRAFT_11.published(fx.resolver.resolve(iss, dwk, kid));
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

    final InMemoryAgentBindings bindings = new InMemoryAgentBindings(Map.of(AGENT, "alice"));
    final InMemoryIssuedPersonTokens personTokens = new InMemoryIssuedPersonTokens(fx.clock);
    final InMemoryPendingRequests pending = new InMemoryPendingRequests(fx.clock);
    final InMemoryPersonIds persons = new InMemoryPersonIds();
    final InMemoryConsentStore consents = new InMemoryConsentStore();

    {
        // the -11 flows start with a person token: the person let the agent act at the resource
        consents.remember("alice", AGENT, RESOURCE, PersonTokenConsent.SCOPES);
    }

    final PersonServerSettings settings =
            new PersonServerSettings(
                    List.of("openid"),
                    List.of("sub"),
                    Duration.ofHours(1),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of(AGENT, "alice"),
                    Optional.of("s3cret"),
                    Map.of());

    TokenExchange.Builder builder() {
        return TokenExchange.Dependencies.builder()
                .requests(
                        fx.verifier(
                                TokenExchange.policy(List.of()),
                                VerifiedTokenCache.disabled(fx.clock)))
                .tokens(fx.tokenVerifier(VerifiedTokenCache.disabled(fx.clock)))
                .scopeDescriptions(resource -> DESCRIBED)
                .policy(new PolicyDecider(settings, bindings, consents))
                .issuer(fx.ps)
                .pairwise(new PairwiseSubject(Optional.of("s3cret")))
                .bindings(bindings)
                .issued(new InMemoryIssuedTokenLog(fx.clock))
                .decisions(new InMemoryDecisionLog())
                .settings(settings)
                .clock(fx.clock)
                .draft11(
                        new TokenExchange.Draft11(
                                requests11, tokens11, ps11, personTokens, SecurityMode.STRICT));
    }

    final TokenExchange.Dependencies deps =
            builder()
                    .deferred(
                            new DeferredResponses(
                                    pending,
                                    persons,
                                    new DeferredResponses.Settings(LIFETIME, RETRY),
                                    fx.clock))
                    .build();
    final TokenExchange exchange = new TokenExchange(deps);

    // ------------------------------------------------------------------ the agent's side

    String agentToken(AAuthProfile draft, SigningKey key) {
        return draft == AAuthProfile.DRAFT_11
                ? ap11.agentToken(AGENT, key.publicJwk(), PS, Duration.ofHours(2), Map.of())
                        .compact()
                : fx.agentTokenFor(key.publicJwk()).compact();
    }

    AAuthFixture.Request signed(
            String method, String url, AAuthProfile draft, SigningKey key, String body) {
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
                new AAuthRequestSigner(key, fx.clock)
                        .sign(
                                r.method,
                                r.target,
                                r.lookup(),
                                new SignatureKey.Jwt(agentToken(draft, key)),
                                extra));
        return r;
    }

    /** A request the person must approve, at the token endpoint of {@code draft}. */
    TokenResponse ask(TokenExchange exchange, AAuthProfile draft) {
        String jkt = fx.agentKey.publicJwk().thumbprint();
        String rt;
        String url;
        if (draft == AAuthProfile.DRAFT_11) {
            PersonTokenIssuance.Issued issued =
                    (PersonTokenIssuance.Issued)
                            new PersonTokenIssuance(deps, exchange)
                                    .issue(
                                            signed(
                                                            "POST",
                                                            PS + "/aauth/person-token",
                                                            draft,
                                                            fx.agentKey,
                                                            JsonUtil.toJson(
                                                                    Map.of("resource", RESOURCE)))
                                                    .message(),
                                            JsonUtil.toJson(Map.of("resource", RESOURCE))
                                                    .getBytes(StandardCharsets.UTF_8));
            PersonToken person = tokens11.verifyPersonToken(issued.personToken(), RESOURCE);
            rt =
                    rs11.resourceToken(
                                    PS,
                                    PersonContext.of(person),
                                    jkt,
                                    List.of("data.write"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            url = PS + "/aauth/auth-token";
        } else {
            rt =
                    fx.resource
                            .resourceToken(
                                    PS,
                                    AGENT,
                                    jkt,
                                    List.of("data.write"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            url = PS + "/aauth/token";
        }
        String body = JsonUtil.toJson(Map.of("resource_token", rt));
        return exchange.exchange(
                draft,
                signed("POST", url, draft, fx.agentKey, body).message(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    TokenResponse.Pending defer(AAuthProfile draft) {
        return assertInstanceOf(TokenResponse.Pending.class, ask(exchange, draft));
    }

    TokenExchange.Poller poller(TokenResponse.Pending p, AAuthProfile signals, SigningKey key) {
        return exchange.poller(
                signed("GET", PS + "/aauth/pending/" + p.id(), signals, key, null).message(),
                p.id());
    }

    /** The agent's poll, signed as {@code draft}; its error as the pending URL answers it. */
    ErrorResponse pollFails(TokenResponse.Pending p, AAuthProfile draft, AAuthError code) {
        return fails(poller(p, draft, fx.agentKey), code);
    }

    static ErrorResponse fails(TokenExchange.Poller poller, AAuthError code) {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> {
                            poller.admit();
                            poller.answer();
                        });
        assertEquals(code, e.error(), e.detail());
        return ErrorResponse.of(e, poller.draft(), AcceptSignatureScheme.AAUTH);
    }

    String personId() {
        return persons.ensure("alice");
    }

    /**
     * The shape of {@code draft}: -11 problem details, -01 {@code error}/{@code error_description}.
     */
    static void assertShape(AAuthProfile draft, AAuthError code, ErrorResponse r) {
        assertEquals(code.status(), r.status());
        assertEquals("no-store", r.headers().get("Cache-Control"));
        Map<String, Object> body = parse(r.body());
        assertEquals(code.code(), body.get("error"));
        if (draft == AAuthProfile.DRAFT_11) {
            assertEquals("application/problem+json", r.contentType());
            assertTrue(body.containsKey("detail"), r.body());
            assertTrue(!body.containsKey("error_description"), r.body());
        } else {
            assertEquals("application/json", r.contentType());
            assertEquals(java.util.Set.of("error", "error_description"), body.keySet(), r.body());
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return JsonUtil.parseJson(json);
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ outcomes

    @Nested
    @DisplayName("denied (403): User or approver explicitly denied the request")
    class Denied {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("the one terminal answer is denied (403), in the flow's draft")
        void denied(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            assertTrue(pending.deny(p.id(), personId()));
            fx.clock.advance(RETRY);
            assertShape(draft, AAuthError.DENIED, pollFails(p, draft, AAuthError.DENIED));
        }
    }

    @Nested
    @DisplayName("abandoned (403): Interaction code was used but user did not complete")
    class Abandoned {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("abandoned (403), in the flow's draft")
        void abandoned(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            assertTrue(pending.redeemCode(p.code(), personId()).isPresent());
            assertTrue(pending.abandon(p.id(), personId()));
            fx.clock.advance(RETRY);
            assertShape(draft, AAuthError.ABANDONED, pollFails(p, draft, AAuthError.ABANDONED));
        }
    }

    @Nested
    @DisplayName("expired (408): Timed out")
    class Expired {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("expired (408) once the request's lifetime is over, in the flow's draft")
        void expired(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            fx.clock.advance(LIFETIME.plusSeconds(1));
            assertShape(draft, AAuthError.EXPIRED, pollFails(p, draft, AAuthError.EXPIRED));
        }
    }

    @Nested
    @DisplayName(
            "invalid_code (410): Once a terminal response is returned, the pending URL MUST return"
                    + " 410 Gone")
    class Gone {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("after the terminal answer, 410 invalid_code in the flow's draft")
        void afterTheEnd(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            assertTrue(pending.deny(p.id(), personId()));
            fx.clock.advance(RETRY);
            pollFails(p, draft, AAuthError.DENIED);
            fx.clock.advance(RETRY);
            assertShape(
                    draft, AAuthError.INVALID_CODE, pollFails(p, draft, AAuthError.INVALID_CODE));
        }

        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("after the agent cancelled (DELETE): Subsequent requests ... return 410 Gone")
        void afterCancel(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            exchange.cancel(poller(p, draft, fx.agentKey));
            fx.clock.advance(RETRY);
            assertShape(
                    draft, AAuthError.INVALID_CODE, pollFails(p, draft, AAuthError.INVALID_CODE));
        }
    }

    @Nested
    @DisplayName("slow_down (429): Polling too frequently — increase interval by 5 seconds")
    class SlowDown {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("a poll before Retry-After is slow_down (429) with Retry-After, flow's draft")
        void slowDown(AAuthProfile draft) {
            TokenResponse.Pending p = defer(draft);
            ErrorResponse r = pollFails(p, draft, AAuthError.SLOW_DOWN);
            assertShape(draft, AAuthError.SLOW_DOWN, r);
        }
    }

    @Nested
    @DisplayName("the flow's draft decides, not the poll's signals")
    class FlowDraft {
        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName("the owner's poll signed as the other draft is answered in the flow's draft")
        void otherSignals(AAuthProfile draft) {
            AAuthProfile other =
                    draft == AAuthProfile.DRAFT_11 ? AAuthProfile.DRAFT_01 : AAuthProfile.DRAFT_11;
            TokenResponse.Pending p = defer(draft);
            assertTrue(pending.deny(p.id(), personId()));
            fx.clock.advance(RETRY);
            TokenExchange.Poller poller = poller(p, other, fx.agentKey);
            assertEquals(draft, poller.draft());
            assertShape(draft, AAuthError.DENIED, fails(poller, AAuthError.DENIED));
        }

        @ParameterizedTest
        @EnumSource(AAuthProfile.class)
        @DisplayName(
                "another key's poll gets exactly the answer for an unknown id, in the draft it was"
                        + " verified under (the id's draft is not shown)")
        void foreignCaller(AAuthProfile signals) {
            TokenResponse.Pending p =
                    defer(
                            signals == AAuthProfile.DRAFT_11
                                    ? AAuthProfile.DRAFT_01
                                    : AAuthProfile.DRAFT_11);
            fx.clock.advance(RETRY);
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "other");
            TokenExchange.Poller poller = poller(p, signals, other);
            assertEquals(signals, poller.draft());
            assertShape(signals, AAuthError.INVALID_CODE, fails(poller, AAuthError.INVALID_CODE));
        }
    }

    @Nested
    @DisplayName("the person must be asked but the PS cannot defer")
    class CannotDefer {
        final TokenExchange withoutDeferral = new TokenExchange(builder().build());

        @Test
        @DisplayName(
                "-11 user_unreachable (403): Terminal. The PS has no channel to reach the user and"
                        + " the agent did not declare the interaction capability")
        void userUnreachable() {
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> ask(withoutDeferral, AAuthProfile.DRAFT_11));
            assertEquals(AAuthError.USER_UNREACHABLE, e.error());
            assertShape(
                    AAuthProfile.DRAFT_11,
                    AAuthError.USER_UNREACHABLE,
                    ErrorResponse.of(e, AAuthProfile.DRAFT_11, AcceptSignatureScheme.AAUTH));
        }

        @Test
        @DisplayName(
                "-01 interaction_required (403): User interaction is needed but no interaction"
                        + " channel is available (unchanged)")
        void interactionRequired() {
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> ask(withoutDeferral, AAuthProfile.DRAFT_01));
            assertEquals(AAuthError.INTERACTION_REQUIRED, e.error());
            assertEquals(403, e.status());
        }
    }
}
