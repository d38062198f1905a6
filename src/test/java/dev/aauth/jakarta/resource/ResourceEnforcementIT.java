package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.HttpMessageSigner;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.MessageSigner;
import dev.aauth.httpsig.SignatureHeaders;
import dev.aauth.httpsig.SignatureParameters;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.StandInIssuers.Agent;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sigkey.AcceptSignature;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyHeader;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.Mission;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Resource enforcement over real HTTP against the aauth-it server: the supply-chain origin (auth
 * token required, any Person Server) and the market-analysis origin (identity by default, only the
 * project's own Person Server trusted). Agent and auth tokens come from {@link StandInIssuers}.
 */
class ResourceEnforcementIT {

    static final StandInIssuers ISSUERS = StandInIssuers.get();
    static final String S256 = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    final Agent agent = ISSUERS.agent("backend");

    // ---------------------------------------------------------------- helpers

    static SignatureError signatureError(HttpResponse<String> r) {
        String h = r.headers().firstValue(SignatureError.NAME).orElse(null);
        assertNotNull(h, "no Signature-Error: " + r.statusCode() + " " + r.body());
        return SignatureError.parse(h);
    }

    /**
     * 401, Signature-Error with {@code code}, problem+json naming it, Accept-Signature sigkey=uri.
     */
    static SignatureError assertSignatureError(HttpResponse<String> r, String code)
            throws Exception {
        assertEquals(401, r.statusCode(), r.body());
        SignatureError e = signatureError(r);
        assertEquals(code, e.error(), r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> problem = JsonUtil.parseJson(r.body());
        assertEquals("urn:ietf:params:sig-error:" + code, problem.get("type"));
        assertEquals(401L, problem.get("status"));
        AcceptSignature accept =
                AcceptSignature.parse(r.headers().firstValue(AcceptSignature.NAME).orElseThrow());
        assertEquals(AcceptSignature.SigKey.URI, accept.sigkey());
        assertEquals(
                List.of("@method", "@authority", "@path", "signature-key"), accept.components());
        assertFalse(r.headers().firstValue(AAuthRequirement.NAME).isPresent());
        return e;
    }

    static String resourceTokenOf(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertFalse(
                r.headers().firstValue(SignatureError.NAME).isPresent(),
                "a challenge is not a signature error");
        String h = r.headers().firstValue(AAuthRequirement.NAME).orElse(null);
        assertNotNull(h, "no AAuth-Requirement");
        Dictionary d = StructuredFields.parseDictionary(h);
        Item requirement = (Item) d.get("requirement");
        assertEquals("auth-token", requirement.tokenValue());
        String token = requirement.parameters().getString("resource-token");
        assertNotNull(token, h);
        // as an agent reads it
        assertEquals(
                new AAuthRequirement.AuthTokenRequired(token),
                AAuthRequirement.parse(h, SecurityMode.DEVELOPMENT));
        return token;
    }

    static void assertForbidden(HttpResponse<String> r, String reason) throws Exception {
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(
                r.headers().firstValue(SignatureError.NAME).isPresent(),
                "MUST NOT include Signature-Error");
        assertFalse(
                r.headers().firstValue(AcceptSignature.NAME).isPresent(),
                "MUST NOT include Accept-Signature");
        assertEquals(reason, JsonUtil.parseJson(r.body()).get("reason"));
    }

    /**
     * Verifies a resource token the way an agent does, with the resource's JWKS fetched over HTTP.
     */
    ResourceToken verifyChallenge(String token, String resource) {
        JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .build();
        TokenVerifier verifier =
                new TokenVerifier(
                        jwks::findKey,
                        Clock.systemUTC(),
                        SecurityMode.DEVELOPMENT,
                        VerifiedTokenCache.disabled(Clock.systemUTC()));
        return verifier.verifyResourceChallenge(
                token, resource, agent.id(), agent.key().publicJwk().thumbprint());
    }

    SignatureKey agentToken() {
        return new SignatureKey.Jwt(agent.agentToken());
    }

    SignatureKey authToken(String resource, String... scopes) {
        return new SignatureKey.Jwt(ISSUERS.authToken(agent, resource, List.of(scopes)));
    }

    static ItRequests.Req postJson(String url, String json) {
        return post(url)
                .body(json)
                .header(
                        "content-digest",
                        ContentDigest.create(json.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- the cases

    @Nested
    @DisplayName(
            "Verification (Server): \"Any failure MUST result in a 401 response with the appropriate Signature-Error header\"")
    class SignatureFailures {

        @Test
        @DisplayName(
                "unsigned request: 401, Signature-Error invalid_request, Accept-Signature sigkey=uri")
        void unsignedRequest() throws Exception {
            assertSignatureError(get(SUPPLY + "/api/inventory").send(), "invalid_request");
        }

        @Test
        @DisplayName("tampered @method: signed as POST, sent as GET")
        void tamperedMethod() throws Exception {
            var r = get(SUPPLY + "/api/inventory");
            r.method = "POST";
            r.sign(agent.key(), authToken(SUPPLY, "supply-chain:read"));
            r.method = "GET";
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName("tampered @path: signed for /api/orders, sent to /api/inventory")
        void tamperedPath() throws Exception {
            var r =
                    get(SUPPLY + "/api/orders")
                            .sign(agent.key(), authToken(SUPPLY, "supply-chain:read"));
            r.url = SUPPLY + "/api/inventory";
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName(
                "tampered @authority: signed for the market origin, sent to the supply-chain origin")
        void tamperedAuthority() throws Exception {
            var r =
                    get(MARKET + "/api/inventory")
                            .sign(agent.key(), authToken(SUPPLY, "supply-chain:read"));
            r.url = SUPPLY + "/api/inventory";
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName("stale created: \"Reject with invalid_signature if outside this window\"")
        void staleCreated() throws Exception {
            Clock past = Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC);
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(
                                    new AAuthRequestSigner(agent.key(), past),
                                    authToken(SUPPLY, "supply-chain:read"));
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName("missing covered component: invalid_input with required_input")
        void missingCoveredComponent() throws Exception {
            var r = get(SUPPLY + "/api/inventory");
            String sigKey =
                    SignatureKeyHeader.serialize("sig", authToken(SUPPLY, "supply-chain:read"));
            r.header("signature-key", sigKey);
            HttpRequestMessage m = HttpRequestMessage.of(r.method, r.url, r.lookup());
            SignatureHeaders h =
                    HttpMessageSigner.sign(
                            m,
                            "sig",
                            List.of(
                                    ComponentIdentifier.METHOD,
                                    ComponentIdentifier.PATH,
                                    ComponentIdentifier.of("signature-key")),
                            SignatureParameters.builder()
                                    .created(Instant.now().getEpochSecond())
                                    .build(),
                            signer(agent.key()));
            r.apply(new SignedHeaders(sigKey, h.signatureInput(), h.signature()));
            SignatureError e = assertSignatureError(r.send(), "invalid_input");
            assertEquals(
                    List.of("@method", "@authority", "@path", "signature-key"), e.requiredInput());
        }

        @Test
        @DisplayName("foreign cnf: the auth token binds another key than the one that signed")
        void foreignCnf() throws Exception {
            SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(other, authToken(SUPPLY, "supply-chain:read"));
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName("wrong aud: \"Verify aud matches the resource's own identifier\"")
        void wrongAudience() throws Exception {
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(agent.key(), authToken(MARKET, "supply-chain:read"));
            assertSignatureError(r.send(), "invalid_jwt");
        }

        @Test
        @DisplayName(
                "wrong act.sub: \"Verify act is present and act.sub matches the agent identifier\"")
        void wrongActSub() throws Exception {
            Map<String, Object> claims = authClaims();
            claims.put(
                    "act",
                    Map.of(
                            "sub",
                            "aauth:someone-else@"
                                    + agent.id().substring(agent.id().indexOf('@') + 1)));
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(
                                    agent.key(),
                                    new SignatureKey.Jwt(signAsPs("aa-auth+jwt", claims)));
            assertSignatureError(r.send(), "invalid_jwt");
        }

        @Test
        @DisplayName("missing act: invalid_jwt")
        void missingAct() throws Exception {
            Map<String, Object> claims = authClaims();
            claims.remove("act");
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(
                                    agent.key(),
                                    new SignatureKey.Jwt(signAsPs("aa-auth+jwt", claims)));
            assertSignatureError(r.send(), "invalid_jwt");
        }

        @Test
        @DisplayName("expired agent token: expired_jwt")
        void expiredAgentToken() throws Exception {
            TokenIssuer pastAp =
                    new TokenIssuer(
                            ISSUERS.apIssuer,
                            ISSUERS.apKeys,
                            Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
            String token =
                    pastAp.agentToken(
                                    agent.id(),
                                    agent.key().publicJwk(),
                                    ISSUERS.psIssuer,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            var r = get(SUPPLY + "/api/inventory").sign(agent.key(), new SignatureKey.Jwt(token));
            assertSignatureError(r.send(), "expired_jwt");
        }

        @Test
        @DisplayName("expired auth token: expired_jwt")
        void expiredAuthToken() throws Exception {
            TokenIssuer pastPs =
                    new TokenIssuer(
                            ISSUERS.psIssuer,
                            ISSUERS.psKeys,
                            Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
            String token =
                    pastPs.authToken(
                                    Dwk.PERSON,
                                    SUPPLY,
                                    agent.id(),
                                    agent.key().publicJwk(),
                                    Actor.of(agent.id()),
                                    "user-7",
                                    List.of("supply-chain:read"),
                                    null,
                                    Duration.ofMinutes(10),
                                    0,
                                    Map.of())
                            .compact();
            var r = get(SUPPLY + "/api/inventory").sign(agent.key(), new SignatureKey.Jwt(token));
            assertSignatureError(r.send(), "expired_jwt");
        }

        @Test
        @DisplayName("token-type swap: a resource token in Signature-Key is refused")
        void resourceTokenInSignatureKey() throws Exception {
            String resourceToken =
                    resourceTokenOf(
                            get(SUPPLY + "/api/inventory").sign(agent.key(), agentToken()).send());
            var r =
                    get(SUPPLY + "/api/inventory")
                            .sign(agent.key(), new SignatureKey.Jwt(resourceToken));
            assertSignatureError(r.send(), "invalid_jwt");
        }

        @Test
        @DisplayName("token-type swap: agent-token claims under typ aa-auth+jwt are refused")
        void agentClaimsUnderAuthTyp() throws Exception {
            Map<String, Object> claims =
                    new LinkedHashMap<>(Jws.parse(agent.agentToken()).claims());
            String swapped =
                    Jws.sign(
                            Map.of("typ", "aa-auth+jwt", "kid", "standin-ap-1"),
                            claims,
                            ISSUERS.apKeys.current());
            var r = get(SUPPLY + "/api/inventory").sign(agent.key(), new SignatureKey.Jwt(swapped));
            assertSignatureError(r.send(), "invalid_jwt");
        }

        Map<String, Object> authClaims() throws Exception {
            String token = ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:read"));
            return new LinkedHashMap<>(Jws.parse(token).claims());
        }

        String signAsPs(String typ, Map<String, Object> claims) {
            return Jws.sign(
                    Map.of("typ", typ, "kid", "standin-ps-1"), claims, ISSUERS.psKeys.current());
        }
    }

    @Nested
    @DisplayName("Auth Token Required")
    class Challenges {

        @Test
        @DisplayName(
                "agent token at an auth-token endpoint: 401 AAuth-Requirement with a resource token that verifies against the published JWKS")
        void agentTokenIsChallenged() {
            String token =
                    resourceTokenOf(
                            get(SUPPLY + "/api/inventory").sign(agent.key(), agentToken()).send());
            ResourceToken t = verifyChallenge(token, SUPPLY);
            assertEquals(ISSUERS.psIssuer, t.audience(), "aud = the agent token's ps");
            assertEquals(List.of("supply-chain:read"), t.scope());
            assertTrue(t.expiresAt() - t.issuedAt() <= 300);
            assertEquals(Dwk.RESOURCE, t.claims().get("dwk"));
            assertNull(t.mission());
        }

        @Test
        @DisplayName("a signed AAuth-Mission is copied into the resource token")
        void signedMissionIsCopied() {
            var r =
                    get(SUPPLY + "/api/inventory")
                            .header(
                                    "aauth-mission",
                                    "approver=\"" + ISSUERS.psIssuer + "\"; s256=\"" + S256 + "\"")
                            .sign(agent.key(), agentToken(), "aauth-mission");
            ResourceToken t = verifyChallenge(resourceTokenOf(r.send()), SUPPLY);
            assertEquals(new Mission(ISSUERS.psIssuer, S256), t.mission());
        }

        @Test
        @DisplayName("valid auth token with the endpoint's scope: 200")
        void authTokenAccepted() throws Exception {
            HttpResponse<String> r =
                    get(SUPPLY + "/api/inventory")
                            .sign(agent.key(), authToken(SUPPLY, "supply-chain:read"))
                            .send();
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> body = JsonUtil.parseJson(r.body());
            assertEquals(agent.id(), body.get("requestedBy"));
            assertEquals(5, ((List<?>) body.get("items")).size());
        }

        @Test
        @DisplayName("POST with a covered Content-Digest and both scopes: 200")
        void optimizeWithDigest() throws Exception {
            HttpResponse<String> r =
                    postJson(SUPPLY + "/api/optimize", "{\"horizonDays\":45}")
                            .sign(
                                    agent.key(),
                                    authToken(SUPPLY, "supply-chain:check", "supply-chain:read"),
                                    "content-digest")
                            .send();
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> plan = JsonUtil.parseJson(r.body());
            assertEquals(45L, plan.get("horizonDays"));
            assertEquals("user-7", plan.get("onBehalfOf"));
        }

        @Test
        @DisplayName("a body that does not match the signed Content-Digest: invalid_signature")
        void bodyNotMatchingDigest() throws Exception {
            var r =
                    postJson(SUPPLY + "/api/orders", "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                            .sign(
                                    agent.key(),
                                    authToken(SUPPLY, "supply-chain:optimize"),
                                    "content-digest");
            r.body = "{\"sku\":\"LAP-XPS-13\",\"quantity\":5000}";
            assertSignatureError(r.send(), "invalid_signature");
        }

        @Test
        @DisplayName("insufficient scope: a step-up challenge, never a bare 403")
        void insufficientScopeStepUp() {
            HttpResponse<String> r =
                    postJson(SUPPLY + "/api/orders", "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                            .sign(
                                    agent.key(),
                                    authToken(SUPPLY, "supply-chain:read"),
                                    "content-digest")
                            .send();
            ResourceToken t = verifyChallenge(resourceTokenOf(r), SUPPLY);
            assertEquals(List.of("supply-chain:read", "supply-chain:optimize"), t.scope());
            assertEquals(ISSUERS.psIssuer, t.audience());
        }

        @Test
        @DisplayName("the order is placed with supply-chain:optimize: 201")
        void orderPlaced() throws Exception {
            HttpResponse<String> r =
                    postJson(SUPPLY + "/api/orders", "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}")
                            .sign(
                                    agent.key(),
                                    authToken(SUPPLY, "supply-chain:optimize"),
                                    "content-digest")
                            .send();
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("placed", JsonUtil.parseJson(r.body()).get("status"));
        }
    }

    @Nested
    @DisplayName("Token Revocation")
    class Revocation {

        HttpResponse<String> revoke(String jti, SigningKey key, SignatureKey as) {
            return postJson(SUPPLY + "/aauth/revoke", JsonUtil.toJson(Map.of("jti", jti)))
                    .sign(key, as, "content-digest")
                    .send();
        }

        @Test
        @DisplayName("revoked by its issuer: refused with invalid_jwt from then on")
        void revokedAuthTokenIsRefused() throws Exception {
            String token = ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:read"));
            SignatureKey key = new SignatureKey.Jwt(token);
            assertEquals(
                    200, get(SUPPLY + "/api/inventory").sign(agent.key(), key).send().statusCode());
            String jti = (String) Jws.parse(token).claims().get("jti");
            HttpResponse<String> revoked =
                    revoke(
                            jti,
                            ISSUERS.psKeys.current(),
                            new SignatureKey.JwksUri(ISSUERS.psIssuer, Dwk.PERSON, "standin-ps-1"));
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertSignatureError(
                    get(SUPPLY + "/api/inventory").sign(agent.key(), key).send(), "invalid_jwt");
        }

        @Test
        @DisplayName(
                "\"MUST only accept revocation from the issuer of the token\": another server's revocation has no effect")
        void revocationByAnotherServerHasNoEffect() {
            String token = ISSUERS.authToken(agent, SUPPLY, List.of("supply-chain:read"));
            String jti = (String) Jws.parse(token).claims().get("jti");
            assertEquals(
                    200,
                    revoke(
                                    jti,
                                    ISSUERS.apKeys.current(),
                                    new SignatureKey.JwksUri(
                                            ISSUERS.apIssuer, Dwk.AGENT, "standin-ap-1"))
                            .statusCode());
            assertEquals(
                    200,
                    get(SUPPLY + "/api/inventory")
                            .sign(agent.key(), new SignatureKey.Jwt(token))
                            .send()
                            .statusCode());
        }

        @Test
        @DisplayName(
                "an agent cannot revoke: only servers sign revocations (jwks_uri), invalid_key")
        void agentCannotRevoke() throws Exception {
            assertSignatureError(revoke("whatever", agent.key(), agentToken()), "invalid_key");
        }
    }

    @Nested
    @DisplayName("Authorization endpoint")
    class Authorization {

        @Test
        @DisplayName(
                "{\"scope\": ...} with an agent token: {\"resource_token\"} with that scope and the signed mission")
        void resourceTokenIssued() throws Exception {
            HttpResponse<String> r =
                    postJson(
                                    SUPPLY + "/aauth/authorize",
                                    "{\"scope\":\"supply-chain:read supply-chain:optimize\"}")
                            .header(
                                    "aauth-mission",
                                    "approver=\"" + ISSUERS.psIssuer + "\"; s256=\"" + S256 + "\"")
                            .sign(agent.key(), agentToken(), "content-digest", "aauth-mission")
                            .send();
            assertEquals(200, r.statusCode(), r.body());
            ResourceToken t =
                    verifyChallenge(
                            (String) JsonUtil.parseJson(r.body()).get("resource_token"), SUPPLY);
            assertEquals(List.of("supply-chain:read", "supply-chain:optimize"), t.scope());
            assertEquals(new Mission(ISSUERS.psIssuer, S256), t.mission());
            assertEquals(ISSUERS.psIssuer, t.audience());
        }

        @Test
        @DisplayName("a scope the resource does not know: 400 invalid_scope")
        void unknownScope() throws Exception {
            HttpResponse<String> r =
                    postJson(SUPPLY + "/aauth/authorize", "{\"scope\":\"payroll:read\"}")
                            .sign(agent.key(), agentToken(), "content-digest")
                            .send();
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("invalid_scope", JsonUtil.parseJson(r.body()).get("error"));
        }

        @Test
        @DisplayName("no scope: 400 invalid_request")
        void missingScope() throws Exception {
            HttpResponse<String> r =
                    postJson(SUPPLY + "/aauth/authorize", "{\"scopes\":\"supply-chain:read\"}")
                            .sign(agent.key(), agentToken(), "content-digest")
                            .send();
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("invalid_request", JsonUtil.parseJson(r.body()).get("error"));
        }

        @Test
        @DisplayName("unsigned: 401 with Signature-Error")
        void unsigned() throws Exception {
            assertSignatureError(
                    postJson(SUPPLY + "/aauth/authorize", "{\"scope\":\"supply-chain:read\"}")
                            .send(),
                    "invalid_request");
        }
    }

    @Nested
    @DisplayName("Market-analysis origin: identity level, one trusted Person Server")
    class Market {

        @Test
        @DisplayName(
                "identity-level endpoint (protected by configuration) with an agent token: 200")
        void identityEndpointWithAgentToken() throws Exception {
            HttpResponse<String> r =
                    get(MARKET + "/api/market/status").sign(agent.key(), agentToken()).send();
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(agent.id(), JsonUtil.parseJson(r.body()).get("caller"));
        }

        @Test
        @DisplayName("the configuration-protected endpoint refuses unsigned requests")
        void configuredEndpointUnsigned() throws Exception {
            assertSignatureError(get(MARKET + "/api/market/status").send(), "invalid_request");
        }

        @Test
        @DisplayName(
                "agent of an untrusted Person Server at an auth-token endpoint: 403, neither header")
        void untrustedPersonServerIsForbidden() throws Exception {
            assertForbidden(
                    get(MARKET + "/api/market/laptops").sign(agent.key(), agentToken()).send(),
                    "untrusted_person_server");
        }

        @Test
        @DisplayName("auth token of an untrusted Person Server: 403, neither header")
        void untrustedAuthTokenIsForbidden() throws Exception {
            assertForbidden(
                    get(MARKET + "/api/market/laptops")
                            .sign(agent.key(), authToken(MARKET, "market-analysis:read"))
                            .send(),
                    "untrusted_issuer");
        }
    }

    @Nested
    @DisplayName("Metadata, JWKS and which origin serves what")
    class Discovery {

        @Test
        @DisplayName("/.well-known/aauth-resource.json is a valid resource metadata document")
        void resourceMetadata() throws Exception {
            HttpResponse<String> r = get(SUPPLY + "/.well-known/aauth-resource.json").send();
            assertEquals(200, r.statusCode(), r.body());
            MetadataDocument m =
                    MetadataDocument.parse(
                            r.body().getBytes(StandardCharsets.UTF_8),
                            ServerIdentifier.parse(SUPPLY, SecurityMode.DEVELOPMENT),
                            Dwk.RESOURCE,
                            SecurityMode.DEVELOPMENT,
                            dev.aauth.error.AAuthError.INVALID_REQUEST);
            assertEquals(SUPPLY + "/aauth/jwks.json", m.jwksUri());
            assertEquals(SUPPLY + "/aauth/authorize", m.authorizationEndpoint().orElseThrow());
            assertEquals(SUPPLY + "/aauth/revoke", m.revocationEndpoint().orElseThrow());
            assertEquals("Supply Chain Agent", m.clientName().orElseThrow());
            assertEquals("Read supply chain", m.scopeDescriptions().get("supply-chain:read"));
            assertEquals(60, m.signatureWindow());
        }

        @Test
        void jwksIsServed() throws Exception {
            HttpResponse<String> r = get(MARKET + "/aauth/jwks.json").send();
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, ((List<?>) JsonUtil.parseJson(r.body()).get("keys")).size());
        }

        @Test
        @DisplayName(
                "origins without the resource role serve no resource metadata or authorization endpoint")
        void personOriginIsNoResource() {
            assertEquals(404, get(PERSON + "/.well-known/aauth-resource.json").send().statusCode());
            assertEquals(404, postJson(PERSON + "/aauth/authorize", "{}").send().statusCode());
            // its JWKS is served: it is the Agent Provider and Person Server
            assertEquals(200, get(PERSON + "/aauth/jwks.json").send().statusCode());
        }

        @Test
        @DisplayName("each demo API only on its own origin")
        void demoApisOnlyOnTheirOrigin() {
            assertEquals(404, get(MARKET + "/api/inventory").send().statusCode());
            assertEquals(404, get(SUPPLY + "/api/market/laptops").send().statusCode());
            assertEquals(404, get(PERSON + "/api/inventory").send().statusCode());
        }
    }

    static MessageSigner signer(SigningKey key) {
        return new MessageSigner() {
            @Override
            public byte[] sign(byte[] base) {
                return key.sign(base);
            }

            @Override
            public String algorithm() {
                return key.algorithm().httpName();
            }
        };
    }
}
