package dev.aauth.jakarta.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
import static dev.aauth.profile.AAuthFixture.AP;
import static dev.aauth.profile.AAuthFixture.PS;
import static dev.aauth.profile.AAuthFixture.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.FetchResult;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.agentprovider.AgentTokenRevocation;
import dev.aauth.jakarta.boundary.SignedRevocationClient;
import dev.aauth.jakarta.personserver.TokenRevocation.Outcome;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.TestStores;
import dev.aauth.jose.SigningKey;
import dev.aauth.personserver.InMemoryRevokedAgentTokens;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.Revocation;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Draft -11 "Token Revocation" at the Person Server: the {@code (iss, jti)} form ({@link
 * Revocation#draft11}), an agent provider revoking an agent token it issued ({@link
 * TokenRevocation}, {@link AgentTokenRevocation}), the -01 form beside it unchanged. Tests named
 * after the clauses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationDraftTest {

    static final String REVOKE_URL = PS + "/aauth/revocation";

    final AAuthFixture fx = new AAuthFixture();
    final InMemoryRevokedAgentTokens agentTokens = new InMemoryRevokedAgentTokens(fx.clock);
    TestStores stores;
    IssuedTokens tokens;

    @BeforeAll
    void open() {
        stores = TestStores.h2();
        tokens = new IssuedTokens(stores.instance(2), fx.clock);
    }

    @AfterAll
    void close() throws Exception {
        stores.close();
    }

    TokenRevocation revocation() {
        return new TokenRevocation(
                PS,
                fx.verifier(TokenRevocation.policy(), new VerifiedTokenCache(100, fx.clock)),
                tokens,
                new RevocationNotices(
                        tokens,
                        new ResourceRevocationClient(
                                PS,
                                fx.psKeys,
                                r -> {
                                    throw new AAuthException(AAuthError.SERVER_ERROR, "no");
                                },
                                (u, h, b, c) -> new FetchResult(200, Map.of(), new byte[0]),
                                fx.clock),
                        Runnable::run,
                        fx.clock),
                agentTokens,
                fx.clock);
    }

    Outcome post(SigningKey signer, SignatureKey key, Map<String, Object> body) {
        AAuthFixture.Request r =
                new AAuthFixture.Request("POST", REVOKE_URL)
                        .set("content-type", "application/json");
        r.apply(
                new AAuthRequestSigner(signer, fx.clock)
                        .sign(r.method, r.target, r.lookup(), key, List.of()));
        return revocation()
                .revoke(r.message(), JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    Outcome byTheAgentProvider(Map<String, Object> body) {
        return post(fx.apKeys.current(), new SignatureKey.JwksUri(AP, Dwk.AGENT, "ap-1"), body);
    }

    static Map<String, Object> pair(String iss, String jti) {
        return Map.of("iss", iss, "jti", jti);
    }

    @Nested
    @DisplayName("-11: identifying the token to revoke by the pair (iss, jti)")
    class Form {

        @Test
        @DisplayName("a body with iss is the -11 pair")
        void pair() {
            assertEquals(
                    Optional.of(new Revocation("https://ap.example", "j1")),
                    Revocation.draft11(
                            "{\"iss\":\"https://ap.example\",\"jti\":\"j1\"}"
                                    .getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        @DisplayName("a body without iss is the -01 form {\"jti\"} (read as before)")
        void draft01Form() {
            assertEquals(
                    Optional.empty(),
                    Revocation.draft11("{\"jti\":\"j1\"}".getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        @DisplayName(
                "Both members are REQUIRED: iss without jti, or empty, is invalid_request (400)")
        void bothRequired() {
            for (String body :
                    List.of(
                            "{\"iss\":\"https://ap.example\"}",
                            "{\"iss\":\"\",\"jti\":\"j\"}",
                            "{\"iss\":\"https://ap.example\",\"jti\":\"\"}",
                            "{\"iss\":1,\"jti\":\"j\"}")) {
                AAuthException e =
                        assertThrows(
                                AAuthException.class,
                                () -> Revocation.draft11(body.getBytes(StandardCharsets.UTF_8)),
                                body);
                assertEquals(AAuthError.INVALID_REQUEST, e.error());
                assertEquals(400, e.status());
            }
        }
    }

    @Nested
    @DisplayName(
            "Agent provider revokes an agent token it issued: the agent provider calls the PS's"
                    + " revocation endpoint with the agent token's iss and jti")
    class AgentProvider {

        @Test
        @DisplayName("200 OK: the pair is recorded and the PS denies that agent token from now on")
        void recorded() {
            String jti = "agent-" + UUID.randomUUID();
            assertEquals(Outcome.REVOKED, byTheAgentProvider(pair(AP, jti)));
            assertTrue(agentTokens.isRevoked(AP, jti));
            assertFalse(agentTokens.isRevoked(PS, jti), "keyed by (iss, jti)");
        }

        @Test
        @DisplayName(
                "MUST only accept revocation from the issuer of the token being revoked: another"
                        + " server's pair is 404 and not recorded")
        void onlyTheIssuer() {
            String jti = "agent-" + UUID.randomUUID();
            Outcome o =
                    post(
                            fx.resourceKeys.current(),
                            new SignatureKey.JwksUri(RESOURCE, Dwk.RESOURCE, "rs-1"),
                            pair(AP, jti));
            assertEquals(Outcome.NOT_RECOGNIZED, o);
            assertFalse(agentTokens.isRevoked(AP, jti));
        }

        @Test
        @DisplayName(
                "MUST only accept revocation from the issuer: an agent presenting its agent token"
                        + " cannot revoke agent tokens (404, not recorded)")
        void notTheAgent() {
            String jti = "agent-" + UUID.randomUUID();
            Outcome o = post(fx.agentKey, new SignatureKey.Jwt(fx.agentToken()), pair(AP, jti));
            assertEquals(Outcome.NOT_RECOGNIZED, o);
            assertFalse(agentTokens.isRevoked(AP, jti));
        }

        @Test
        @DisplayName(
                "AgentTokenRevocation: the Agent Provider's signed POST {iss, jti} reaches the PS"
                        + " endpoint named by the PS metadata and is accepted")
        void agentProviderNotifiesThePs() {
            String jti = "agent-" + UUID.randomUUID();
            List<String> posted = new ArrayList<>();
            SignedRevocationClient client =
                    new SignedRevocationClient(
                            AP,
                            Dwk.AGENT,
                            fx.apKeys,
                            ps ->
                                    MetadataDocument.parse(
                                            Map.of(
                                                    "issuer", ps,
                                                    "jwks_uri", ps + "/aauth/jwks.json",
                                                    "revocation_endpoint", REVOKE_URL),
                                            ServerIdentifier.parse(ps, SecurityMode.STRICT),
                                            Dwk.PERSON,
                                            SecurityMode.STRICT,
                                            AAuthError.SERVER_ERROR),
                            (url, headers, body, code) -> {
                                posted.add(url);
                                Map<String, List<String>> fields = new java.util.HashMap<>();
                                headers.forEach(
                                        (k, v) ->
                                                fields.put(
                                                        k.toLowerCase(java.util.Locale.ROOT),
                                                        List.of(v)));
                                Outcome o =
                                        revocation()
                                                .revoke(
                                                        HttpRequestMessage.of(
                                                                "POST", url, fields::get),
                                                        body);
                                return new FetchResult(
                                        o == Outcome.REVOKED ? 200 : 404, Map.of(), new byte[0]);
                            },
                            fx.clock);
            new AgentTokenRevocation(AP, Optional.of(PS), client).revoked(jti, null);
            assertEquals(List.of(REVOKE_URL), posted);
            assertTrue(agentTokens.isRevoked(AP, jti));
        }

        @Test
        @DisplayName("AgentTokenRevocation without a PS to tell: server_error")
        void noPersonServer() {
            AgentTokenRevocation r =
                    new AgentTokenRevocation(
                            AP,
                            Optional.empty(),
                            new SignedRevocationClient(
                                    AP,
                                    Dwk.AGENT,
                                    fx.apKeys,
                                    ps -> null,
                                    (u, h, b, c) -> null,
                                    fx.clock));
            AAuthException e = assertThrows(AAuthException.class, () -> r.revoked("j", null));
            assertEquals(AAuthError.SERVER_ERROR, e.error());
        }
    }

    @Nested
    @DisplayName("-11 pair naming this PS's own auth token: as the -01 jti")
    class OwnAuthToken {

        IssuedToken issued() {
            Instant now = fx.clock.instant();
            return tokens.record(
                    new IssuedToken(
                            "jti-" + UUID.randomUUID(),
                            PS,
                            TokenType.AUTH,
                            AGENT,
                            RESOURCE,
                            null,
                            Set.of("data.read"),
                            now,
                            now.plus(Duration.ofMinutes(30))));
        }

        @Test
        @DisplayName("200 OK: the agent revokes its auth token by (iss, jti)")
        void revokedByPair() {
            IssuedToken t = issued();
            assertEquals(
                    Outcome.REVOKED,
                    post(fx.agentKey, new SignatureKey.Jwt(fx.agentToken()), pair(PS, t.jti())));
            assertTrue(tokens.find(t.jti()).orElseThrow().revokedAt().isPresent());
        }

        @Test
        @DisplayName("404 if the (iss, jti) pair is not recognized")
        void unknownPair() {
            assertEquals(
                    Outcome.NOT_RECOGNIZED,
                    post(
                            fx.agentKey,
                            new SignatureKey.Jwt(fx.agentToken()),
                            pair(PS, "jti-unknown-" + UUID.randomUUID())));
        }

        @Test
        @DisplayName("-01 {\"jti\"} unchanged: 200 for the agent's own auth token")
        void draft01Unchanged() {
            IssuedToken t = issued();
            assertEquals(
                    Outcome.REVOKED,
                    post(
                            fx.agentKey,
                            new SignatureKey.Jwt(fx.agentToken()),
                            Map.of("jti", t.jti())));
        }
    }
}
