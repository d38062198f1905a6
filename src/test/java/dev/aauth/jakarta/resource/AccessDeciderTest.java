package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.digest.ContentDigest;
import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.Mission;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The resource's access decisions, over the in-memory AAuth world of {@link AAuthFixture}. */
class AccessDeciderTest {

    static final String S256 = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final Protection READ =
            new Protection(AccessLevel.AUTH_TOKEN, List.of("supply-chain:read"), "test");
    static final Protection IDENTITY = new Protection(AccessLevel.IDENTITY, List.of(), "test");

    final AAuthFixture f = new AAuthFixture();
    final TestRevocations revocations = new TestRevocations();

    static ResourceSettings settings(
            AccessLevel require, Set<String> trusted, Optional<String> accessServer) {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("supply-chain:check", "Check supply chain");
        scopes.put("supply-chain:read", "Read supply chain");
        scopes.put("supply-chain:optimize", "Optimize supply chain");
        return new ResourceSettings(
                Optional.empty(),
                scopes,
                List.of("supply-chain:check", "supply-chain:read"),
                require,
                List.of(),
                trusted,
                accessServer,
                Set.of("jwt"),
                EnumSet.of(TokenType.AGENT, TokenType.AUTH),
                Duration.ofSeconds(60),
                List.of());
    }

    AccessDecider decider(ResourceSettings settings) {
        return new AccessDecider(
                f.verifier(
                        VerificationPolicy.forResource(AAuthFixture.RESOURCE),
                        new VerifiedTokenCache(100, f.clock)),
                settings,
                new ResourceTokens(f.resource, settings),
                revocations,
                SecurityMode.STRICT);
    }

    AccessDecider decider() {
        return decider(settings(AccessLevel.IDENTITY, Set.of(), Optional.empty()));
    }

    Decision get(AccessDecider d, AAuthFixture.Request r, Protection p) {
        return d.decide(r.message(), p, () -> new byte[0]);
    }

    ResourceToken challengeToken(Decision d) {
        Decision.Challenged c = assertInstanceOf(Decision.Challenged.class, d, d::reason);
        return f.tokenVerifier(VerifiedTokenCache.disabled(f.clock))
                .verifyResourceChallenge(
                        c.resourceToken().compact(),
                        AAuthFixture.RESOURCE,
                        AAuthFixture.AGENT,
                        f.agentKey.publicJwk().thumbprint());
    }

    AAuthFixture.Request withAgentToken() {
        return f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
    }

    AAuthFixture.Request withAuthToken(List<String> scopes) {
        return f.signedGet("/api/inventory", new SignatureKey.Jwt(f.authToken(scopes)));
    }

    @Nested
    @DisplayName(
            "Identity-Based Access: \"The resource verifies the agent's identity via HTTP signatures\"")
    class Identity {
        @Test
        void agentTokenSufficesAtIdentityLevel() {
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class, get(decider(), withAgentToken(), IDENTITY));
            assertEquals(AAuthCaller.Level.IDENTIFIED, a.callerLevel());
            assertEquals(AAuthFixture.AGENT, a.request().identity());
        }

        @Test
        void authTokenAlsoIdentifiesItsAgent() {
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class,
                            get(decider(), withAuthToken(List.of("supply-chain:read")), IDENTITY));
            assertEquals(AAuthCaller.Level.AUTHORIZED, a.callerLevel());
        }

        @Test
        @DisplayName(
                "aauth.resource.require=auth-token raises an identity endpoint to the auth-token level")
        void resourceWideFloorRaisesIdentityEndpoints() {
            Decision d =
                    get(
                            decider(settings(AccessLevel.AUTH_TOKEN, Set.of(), Optional.empty())),
                            withAgentToken(),
                            IDENTITY);
            assertEquals(
                    List.of("supply-chain:check", "supply-chain:read"), challengeToken(d).scope());
        }

        @Test
        @DisplayName(
                "Verification (Server): \"Any failure MUST result in a 401 response with the appropriate Signature-Error\"")
        void unsignedRequestFailsWithInvalidRequest() {
            var r = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            Decision.Failed failed =
                    assertInstanceOf(Decision.Failed.class, get(decider(), r, IDENTITY));
            assertEquals(AAuthError.SIGNATURE_INVALID_REQUEST, failed.error().error());
            assertNull(failed.request());
            assertEquals("unidentified", failed.level());
        }
    }

    @Nested
    @DisplayName(
            "Auth Token Required: \"A resource MUST use requirement=auth-token with a 401 Unauthorized response when an auth token is required\"")
    class Challenge {
        @Test
        @DisplayName(
                "the resource token: iss this resource, aud the agent's PS, agent, agent_jkt, the endpoint's scope")
        void agentTokenAtAuthTokenEndpointIsChallengedWithAResourceToken() {
            Decision d = get(decider(), withAgentToken(), READ);
            ResourceToken t = challengeToken(d);
            assertEquals(AAuthFixture.RESOURCE, t.issuer());
            assertEquals(AAuthFixture.PS, t.audience());
            assertEquals(AAuthFixture.AGENT, t.agent());
            assertEquals(f.agentKey.publicJwk().thumbprint(), t.agentJkt());
            assertEquals(List.of("supply-chain:read"), t.scope());
            assertEquals(Dwk.RESOURCE, t.claims().get("dwk"));
            assertEquals("auth_token_required", d.reason());
            assertEquals("identified", d.level());
        }

        @Test
        @DisplayName("\"Resource tokens SHOULD NOT have a lifetime exceeding 5 minutes\"")
        void resourceTokenLivesFiveMinutes() {
            ResourceToken t = challengeToken(get(decider(), withAgentToken(), READ));
            assertEquals(300, t.expiresAt() - t.issuedAt());
        }

        @Test
        @DisplayName("an endpoint naming no scope challenges with default_resource_token_scopes")
        void endpointWithoutScopesUsesDefaultScopes() {
            Protection none = new Protection(AccessLevel.AUTH_TOKEN, List.of(), "test");
            assertEquals(
                    List.of("supply-chain:check", "supply-chain:read"),
                    challengeToken(get(decider(), withAgentToken(), none)).scope());
        }

        @Test
        @DisplayName("\"If the resource has its own AS: aud = AS URL (four-party)\"")
        void configuredAccessServerIsTheAudience() {
            Decision d =
                    get(
                            decider(
                                    settings(
                                            AccessLevel.IDENTITY,
                                            Set.of(),
                                            Optional.of("https://as.example"))),
                            withAgentToken(),
                            READ);
            assertEquals("https://as.example", challengeToken(d).audience());
        }

        @Test
        @DisplayName(
                "no PS and no AS: 403 no_person_server, never a resource token addressed to nobody")
        void agentWithoutPersonServerIsDenied() {
            String token =
                    f.ap.agentToken(
                                    AAuthFixture.AGENT,
                                    f.agentKey.publicJwk(),
                                    null,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            var r = f.signedGet("/api/inventory", new SignatureKey.Jwt(token));
            Decision.Denied d = assertInstanceOf(Decision.Denied.class, get(decider(), r, READ));
            assertEquals("no_person_server", d.reason());
        }

        @Test
        @DisplayName(
                "a PS outside the trusted list gets no resource token: 403 untrusted_person_server")
        void untrustedPersonServerIsDenied() {
            Decision d =
                    get(
                            decider(
                                    settings(
                                            AccessLevel.IDENTITY,
                                            Set.of("https://other-ps.example"),
                                            Optional.empty())),
                            withAgentToken(),
                            READ);
            assertEquals(
                    "untrusted_person_server", assertInstanceOf(Decision.Denied.class, d).reason());
        }

        @Test
        @DisplayName(
                "\"it includes the mission object (approver and s256) in the resource token it issues\"")
        void signedMissionIsCopiedIntoTheResourceToken() {
            var r =
                    new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory")
                            .set(
                                    "aauth-mission",
                                    "approver=\"https://ps.example\";s256=\"" + S256 + "\"");
            r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of("aauth-mission")));
            assertEquals(
                    new Mission("https://ps.example", S256),
                    challengeToken(get(decider(), r, READ)).mission());
        }

        @Test
        @DisplayName("an AAuth-Mission header the signature does not cover is ignored")
        void unsignedMissionIsIgnored() {
            var r =
                    withAgentToken()
                            .set(
                                    "aauth-mission",
                                    "approver=\"https://ps.example\";s256=\"" + S256 + "\"");
            assertNull(challengeToken(get(decider(), r, READ)).mission());
        }

        @Test
        void signedMalformedMissionIsInvalidRequest() {
            var r =
                    new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory")
                            .set("aauth-mission", "approver=\"https://ps.example\";s256=\"short\"");
            r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of("aauth-mission")));
            Decision.Failed d = assertInstanceOf(Decision.Failed.class, get(decider(), r, READ));
            assertEquals(AAuthError.INVALID_REQUEST, d.error().error());
        }
    }

    @Nested
    @DisplayName("Auth tokens")
    class AuthTokens {
        @Test
        void authTokenGrantingTheScopesIsAllowed() {
            Decision.Allowed a =
                    assertInstanceOf(
                            Decision.Allowed.class,
                            get(decider(), withAuthToken(List.of("supply-chain:read")), READ));
            assertEquals(AAuthCaller.Level.AUTHORIZED, a.callerLevel());
            assertEquals("authorized", a.level());
        }

        @Test
        @DisplayName(
                "step-up: \"A resource MAY return requirement=auth-token with a new resource token to a request that already includes an auth token\"")
        void authTokenLackingAScopeIsChallengedNotForbidden() {
            Protection optimize =
                    new Protection(
                            AccessLevel.AUTH_TOKEN, List.of("supply-chain:optimize"), "test");
            Decision d = get(decider(), withAuthToken(List.of("supply-chain:read")), optimize);
            ResourceToken t = challengeToken(d);
            assertEquals("insufficient_scope", d.reason());
            assertEquals(AAuthFixture.PS, t.audience(), "a PS-issued auth token names the PS");
            assertEquals(
                    List.of("supply-chain:read", "supply-chain:optimize"),
                    t.scope(),
                    "granted scopes are kept");
        }

        @Test
        @DisplayName(
                "an auth token from an issuer outside the trusted list: 403, authenticated but refused by policy")
        void untrustedIssuerIsForbidden() {
            Decision d =
                    get(
                            decider(
                                    settings(
                                            AccessLevel.IDENTITY,
                                            Set.of("https://other-ps.example"),
                                            Optional.empty())),
                            withAuthToken(List.of("supply-chain:read")),
                            READ);
            Decision.Denied denied = assertInstanceOf(Decision.Denied.class, d);
            assertEquals("untrusted_issuer", denied.reason());
            assertEquals("identified", denied.level());
        }

        @Test
        @DisplayName(
                "\"revoked auth tokens are refused for the rest of their lifetime\": invalid_jwt")
        void revokedAuthTokenIsInvalidJwt() {
            var r = withAuthToken(List.of("supply-chain:read"));
            String jti = f.verifier().verify(r.message()).authToken().jti();
            revocations.revoke(AAuthFixture.PS, jti, Long.MAX_VALUE);
            Decision.Failed d = assertInstanceOf(Decision.Failed.class, get(decider(), r, READ));
            assertEquals(AAuthError.INVALID_JWT, d.error().error());
        }

        @Test
        @DisplayName("a revocation by another issuer does not touch the token")
        void revocationByAnotherIssuerIsIgnored() {
            var r = withAuthToken(List.of("supply-chain:read"));
            String jti = f.verifier().verify(r.message()).authToken().jti();
            revocations.revoke("https://evil.example", jti, Long.MAX_VALUE);
            assertInstanceOf(Decision.Allowed.class, get(decider(), r, READ));
        }

        @Test
        @DisplayName("a trusted PS's revocation (any issuer) applies")
        void revocationUnderAnyIssuerApplies() {
            var r = withAuthToken(List.of("supply-chain:read"));
            String jti = f.verifier().verify(r.message()).authToken().jti();
            revocations.revoke(RevocationEndpoint.ANY_ISSUER, jti, Long.MAX_VALUE);
            assertInstanceOf(Decision.Failed.class, get(decider(), r, READ));
        }

        @Test
        @DisplayName(
                "auth token with wrong aud: \"Verify aud matches the resource's own identifier\" -> invalid_jwt")
        void wrongAudienceIsInvalidJwt() {
            String token =
                    f.ps.authToken(
                                    Dwk.PERSON,
                                    "https://elsewhere.example",
                                    AAuthFixture.AGENT,
                                    f.agentKey.publicJwk(),
                                    Actor.of(AAuthFixture.AGENT),
                                    "sub",
                                    List.of("supply-chain:read"),
                                    null,
                                    Duration.ofMinutes(5),
                                    0,
                                    Map.of())
                            .compact();
            var r = f.signedGet("/api/inventory", new SignatureKey.Jwt(token));
            assertEquals(
                    AAuthError.INVALID_JWT,
                    assertInstanceOf(Decision.Failed.class, get(decider(), r, READ))
                            .error()
                            .error());
        }
    }

    @Nested
    @DisplayName("Other Signature-Key schemes")
    class Schemes {
        @Test
        @DisplayName("a pseudonymous hwk key never identifies an agent: invalid_key")
        void pseudonymousKeyIsInvalidKeyEvenAtIdentityLevel() {
            ResourceSettings hwk =
                    new ResourceSettings(
                            Optional.empty(),
                            Map.of(),
                            List.of(),
                            AccessLevel.IDENTITY,
                            List.of(),
                            Set.of(),
                            Optional.empty(),
                            Set.of("hwk", "jwt"),
                            EnumSet.of(TokenType.AGENT),
                            Duration.ofSeconds(60),
                            List.of());
            AccessDecider d =
                    new AccessDecider(
                            f.verifier(
                                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                                            .withSchemes(Set.of("hwk", "jwt")),
                                    new VerifiedTokenCache(10, f.clock)),
                            hwk,
                            new ResourceTokens(f.resource, hwk),
                            revocations,
                            SecurityMode.STRICT);
            var r = f.signedGet("/api/inventory", new SignatureKey.Hwk(f.agentKey.publicJwk()));
            assertEquals(
                    AAuthError.INVALID_KEY,
                    assertInstanceOf(Decision.Failed.class, get(d, r, IDENTITY)).error().error());
        }
    }

    @Nested
    @DisplayName("RFC 9530: a covered Content-Digest must match the content")
    class Digest {
        byte[] body = "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}".getBytes(StandardCharsets.UTF_8);

        AAuthFixture.Request post(String digestOf) {
            var r =
                    new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/orders")
                            .set(
                                    "content-digest",
                                    ContentDigest.create(
                                            digestOf.getBytes(StandardCharsets.UTF_8)));
            return r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of("content-digest")));
        }

        @Test
        void matchingDigestPasses() {
            var r = post(new String(body, StandardCharsets.UTF_8));
            assertInstanceOf(
                    Decision.Allowed.class, decider().decide(r.message(), IDENTITY, () -> body));
        }

        @Test
        void mismatchingDigestIsInvalidSignature() {
            var r = post("{\"sku\":\"LAP-XPS-13\",\"quantity\":5000}");
            Decision.Failed d =
                    assertInstanceOf(
                            Decision.Failed.class,
                            decider().decide(r.message(), IDENTITY, () -> body));
            assertEquals(AAuthError.INVALID_SIGNATURE, d.error().error());
        }

        @Test
        void uncoveredDigestIsNotRead() {
            var r = withAgentToken().set("content-digest", ContentDigest.create(new byte[] {1}));
            assertInstanceOf(
                    Decision.Allowed.class,
                    decider()
                            .decide(
                                    r.message(),
                                    IDENTITY,
                                    () -> {
                                        throw new AssertionError("body read");
                                    }));
        }
    }

    @Test
    @DisplayName(
            "a protection whose scope is not in scope_descriptions is a configuration error, never a token")
    void unknownScopeIsAConfigurationError() {
        Protection bad =
                new Protection(
                        AccessLevel.AUTH_TOKEN, List.of("admin:all"), "@AAuthProtected on X.y");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class, () -> get(decider(), withAgentToken(), bad));
        assertEquals(
                "@AAuthProtected on X.y: scope 'admin:all' is not in aauth.resource.scopes",
                e.getMessage());
    }

    /** A revocation store for tests. */
    static final class TestRevocations implements RevocationStore {
        final Map<String, Long> map = new HashMap<>();

        @Override
        public void revoke(String issuer, String jti, long notAfter) {
            map.put(issuer + " " + jti, notAfter);
        }

        @Override
        public boolean isRevoked(String issuer, String jti) {
            return map.containsKey(issuer + " " + jti);
        }
    }
}
