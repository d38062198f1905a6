package dev.aauth.jakarta.personserver;

import static dev.aauth.profile.AAuthFixture.AGENT;
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
import dev.aauth.jakarta.personserver.TokenRevocation.Outcome;
import dev.aauth.jakarta.store.Consent;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.TestStores;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Token Revocation" at the Person Server ({@link TokenRevocation}), the fan-out to resources
 * ({@link RevocationNotices}, {@link ResourceRevocationClient}) and {@link PersonRevocations}, over
 * the store (H2 in PostgreSQL mode). The resource is a recording stand-in that verifies each call
 * as the real {@link RevocationEndpoint} does (jwks_uri scheme, the PS's published key); the real
 * resource over HTTP is in {@code PersonRevocationIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRevocationTest {

    static final String REVOKE_URL = PS + "/aauth/revocation";
    static final String RESOURCE_REVOKE_URL = RESOURCE + "/aauth/revoke";
    static final String OTHER_RESOURCE = "https://other.example";

    final AAuthFixture fx = new AAuthFixture();
    TestStores stores;
    IssuedTokens tokens;
    Persons persons;
    Consents consents;

    /** The jti values the stand-in resource accepted, in order. */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** The status the stand-in resource answers; 0: it is down. */
    volatile int resourceStatus = 200;

    final AtomicInteger attempts = new AtomicInteger();
    RevocationNotices notices;

    @BeforeAll
    void open() {
        stores = TestStores.h2();
        Transactions tx = stores.instance(4);
        tokens = new IssuedTokens(tx, fx.clock);
        persons = new Persons(tx, fx.clock);
        consents = new Consents(tx, fx.clock);
    }

    @AfterAll
    void close() throws Exception {
        stores.close();
    }

    @BeforeEach
    void resourceUp() {
        resourceStatus = 200;
        calls.clear();
        attempts.set(0);
        notices =
                new RevocationNotices(
                        tokens,
                        new ResourceRevocationClient(
                                PS, fx.psKeys, this::metadata, this::resource, fx.clock),
                        Runnable::run,
                        fx.clock);
    }

    MetadataDocument metadata(String resource) {
        Map<String, Object> doc =
                Map.of(
                        "issuer",
                        resource,
                        "jwks_uri",
                        resource + "/aauth/jwks.json",
                        "revocation_endpoint",
                        resource + "/aauth/revoke");
        return MetadataDocument.parse(
                doc,
                ServerIdentifier.parse(resource, SecurityMode.STRICT),
                Dwk.RESOURCE,
                SecurityMode.STRICT,
                AAuthError.SERVER_ERROR);
    }

    /**
     * The stand-in resource's revocation endpoint: verifies the PS's signature and digest, records
     * the jti.
     */
    FetchResult resource(String url, Map<String, String> headers, byte[] body, AAuthError code) {
        attempts.incrementAndGet();
        if (resourceStatus == 0) {
            throw new AAuthException(code, "fetch of resource.example failed: ConnectException");
        }
        Map<String, List<String>> fields = new java.util.HashMap<>();
        headers.forEach((k, v) -> fields.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        HttpRequestMessage message = HttpRequestMessage.of("POST", url, fields::get);
        AAuthRequestVerifier verifier =
                fx.verifier(
                        new VerificationPolicy(
                                List.of(),
                                VerificationPolicy.DEFAULT_WINDOW,
                                Set.of("jwks_uri"),
                                Set.of(),
                                null),
                        VerifiedTokenCache.disabled(fx.clock));
        VerifiedRequest verified = verifier.verify(message);
        assertEquals(PS, verified.identity(), "signed by the token's issuer");
        assertTrue(verified.covers("content-digest"));
        verified.verifyContentDigest(message, () -> body);
        calls.add(dev.aauth.token.Revocation.jti(body));
        return new FetchResult(resourceStatus, Map.of(), new byte[0]);
    }

    TokenRevocation revocation() {
        return new TokenRevocation(
                PS,
                fx.verifier(TokenRevocation.policy(), new VerifiedTokenCache(100, fx.clock)),
                tokens,
                notices);
    }

    IssuedToken issued(String agent, String resource, String personId, Duration lifetime) {
        Instant now = fx.clock.instant();
        return tokens.record(
                new IssuedToken(
                        "jti-" + UUID.randomUUID(),
                        PS,
                        TokenType.AUTH,
                        agent,
                        resource,
                        personId,
                        Set.of("data.read"),
                        now,
                        now.plus(lifetime)));
    }

    IssuedToken issued() {
        return issued(AGENT, RESOURCE, null, Duration.ofMinutes(30));
    }

    Outcome post(SigningKey signer, SignatureKey key, String body) {
        AAuthFixture.Request r =
                new AAuthFixture.Request("POST", REVOKE_URL)
                        .set("content-type", "application/json");
        r.apply(
                new AAuthRequestSigner(signer, fx.clock)
                        .sign(r.method, r.target, r.lookup(), key, List.of()));
        return revocation().revoke(r.message(), body.getBytes(StandardCharsets.UTF_8));
    }

    Outcome byTheAgent(String jti) {
        return post(
                fx.agentKey,
                new SignatureKey.Jwt(fx.agentToken()),
                JsonUtil.toJson(Map.of("jti", jti)));
    }

    Outcome byTheResource(String jti) {
        return post(
                fx.resourceKeys.current(),
                new SignatureKey.JwksUri(RESOURCE, Dwk.RESOURCE, "rs-1"),
                JsonUtil.toJson(Map.of("jti", jti)));
    }

    boolean revoked(IssuedToken t) {
        return tokens.find(t.jti()).orElseThrow().revokedAt().isPresent();
    }

    static AAuthException fails(AAuthError code, org.junit.jupiter.api.function.Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(code, e.error(), e.detail());
        return e;
    }

    @Nested
    class Endpoint {

        @Test
        @DisplayName(
                "200 OK if the token was revoked: the agent the auth token was issued to revokes it; the PS calls the resource's revocation endpoint with the jti")
        void theAgentRevokesItsTokenAndThePsTellsTheResource() {
            IssuedToken t = issued();

            assertEquals(Outcome.REVOKED, byTheAgent(t.jti()));

            assertTrue(revoked(t));
            assertEquals(
                    List.of(t.jti()),
                    calls,
                    "PS revokes an auth token it issued: calls the resource");
            assertTrue(tokens.find(t.jti()).orElseThrow().notifiedAt().isPresent());
        }

        @Test
        @DisplayName("200 OK if the token ... was already invalid: revoked before")
        void revokingTwiceIs200AndCallsTheResourceOnce() {
            IssuedToken t = issued();
            assertEquals(Outcome.REVOKED, byTheAgent(t.jti()));

            assertEquals(Outcome.REVOKED, byTheAgent(t.jti()));
            assertEquals(List.of(t.jti()), calls);
        }

        @Test
        @DisplayName("200 OK if the token ... was already invalid: expired")
        void anExpiredTokenIs200() {
            IssuedToken t = issued(AGENT, RESOURCE, null, Duration.ofSeconds(30));
            fx.clock.advance(Duration.ofSeconds(31));

            assertEquals(Outcome.REVOKED, byTheAgent(t.jti()));
        }

        @Test
        @DisplayName("404 if the jti is not recognized")
        void anUnknownJtiIs404() {
            assertEquals(Outcome.NOT_RECOGNIZED, byTheAgent("never-issued"));
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName(
                "Only authorized parties: another agent gets the answer of an unknown jti (404), the token stays valid")
        void anotherAgentCannotRevoke() {
            IssuedToken t =
                    issued("aauth:other@agents.example", RESOURCE, null, Duration.ofMinutes(30));

            assertEquals(Outcome.NOT_RECOGNIZED, byTheAgent(t.jti()));
            assertFalse(revoked(t));
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName(
                "The resource the auth token was issued for revokes it (jwks_uri scheme); it is not called back")
        void theResourceRevokesATokenForItself() {
            IssuedToken t = issued();

            assertEquals(Outcome.REVOKED, byTheResource(t.jti()));
            assertTrue(revoked(t));
            assertEquals(List.of(), calls, "the resource knows already");
            assertTrue(tokens.noticesDue(1000).stream().noneMatch(d -> d.jti().equals(t.jti())));
        }

        @Test
        @DisplayName(
                "Only authorized parties: a resource cannot revoke a token issued for another resource (404)")
        void aResourceCannotRevokeAnotherResourcesToken() {
            IssuedToken t = issued(AGENT, OTHER_RESOURCE, null, Duration.ofMinutes(30));

            assertEquals(Outcome.NOT_RECOGNIZED, byTheResource(t.jti()));
            assertFalse(revoked(t));
        }

        @Test
        @DisplayName(
                "The jti is unique within the issuer's namespace: a token of another issuer, or another type, is not recognized (404)")
        void tokensOfAnotherIssuerOrTypeAreNotRecognized() {
            Instant now = fx.clock.instant();
            IssuedToken foreign =
                    tokens.record(
                            new IssuedToken(
                                    "jti-" + UUID.randomUUID(),
                                    "https://other-ps.example",
                                    TokenType.AUTH,
                                    AGENT,
                                    RESOURCE,
                                    null,
                                    Set.of("data.read"),
                                    now,
                                    now.plusSeconds(600)));
            IssuedToken agentToken =
                    tokens.record(
                            new IssuedToken(
                                    "jti-" + UUID.randomUUID(),
                                    PS,
                                    TokenType.AGENT,
                                    AGENT,
                                    null,
                                    null,
                                    Set.of(),
                                    now,
                                    now.plusSeconds(600)));

            assertEquals(Outcome.NOT_RECOGNIZED, byTheAgent(foreign.jti()));
            assertEquals(Outcome.NOT_RECOGNIZED, byTheAgent(agentToken.jti()));
            assertFalse(revoked(foreign));
        }

        @Test
        @DisplayName(
                "The endpoint accepts a signed POST with the jti: missing or malformed jti is 400 invalid_request")
        void aBodyWithoutJtiIsInvalidRequest() {
            SignatureKey key = new SignatureKey.Jwt(fx.agentToken());
            fails(AAuthError.INVALID_REQUEST, () -> post(fx.agentKey, key, "{}"));
            fails(AAuthError.INVALID_REQUEST, () -> post(fx.agentKey, key, "{\"jti\": 7}"));
            fails(AAuthError.INVALID_REQUEST, () -> post(fx.agentKey, key, "not json"));
        }

        @Test
        @DisplayName(
                "A signed POST: an unsigned request is invalid_request, a signature by another key invalid_signature (401)")
        void theRequestMustBeSignedByThePresentedKey() {
            IssuedToken t = issued();
            AAuthFixture.Request unsigned =
                    new AAuthFixture.Request("POST", REVOKE_URL)
                            .set("content-type", "application/json");
            byte[] body = JsonUtil.toJson(Map.of("jti", t.jti())).getBytes(StandardCharsets.UTF_8);
            AAuthException e =
                    fails(
                            AAuthError.SIGNATURE_INVALID_REQUEST,
                            () -> revocation().revoke(unsigned.message(), body));
            assertEquals(401, e.error().status());

            SigningKey thief = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            fails(
                    AAuthError.INVALID_SIGNATURE,
                    () ->
                            post(
                                    thief,
                                    new SignatureKey.Jwt(fx.agentToken()),
                                    JsonUtil.toJson(Map.of("jti", t.jti()))));
            assertFalse(revoked(t));
        }

        @Test
        @DisplayName(
                "Agents present an agent token: an auth token in Signature-Key is refused (401)")
        void anAuthTokenIsNotAnAgentsCredentialHere() {
            IssuedToken t = issued();
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () ->
                                    post(
                                            fx.agentKey,
                                            new SignatureKey.Jwt(
                                                    fx.authToken(List.of("data.read"))),
                                            JsonUtil.toJson(Map.of("jti", t.jti()))));
            assertEquals(401, e.error().status(), e.detail());
            assertFalse(revoked(t));
        }
    }

    @Nested
    class FanOut {

        @Test
        @DisplayName(
                "A resource that is down: the token stays revoked at the PS, the failure is recorded and retried after the back-off")
        void aResourceThatIsDownIsRetried() {
            IssuedToken t = issued();
            resourceStatus = 0;

            assertEquals(Outcome.REVOKED, byTheAgent(t.jti()));
            IssuedToken failed = tokens.find(t.jti()).orElseThrow();
            assertTrue(failed.revokedAt().isPresent());
            assertEquals(1, failed.noticeAttempts());
            assertTrue(
                    failed.noticeError().orElseThrow().contains("ConnectException"),
                    failed.noticeError().toString());

            notices.deliverDue();
            assertEquals(1, attempts.get(), "not before the back-off");
            resourceStatus = 503;
            fx.clock.advance(RevocationNotices.backoff(1));
            notices.deliverDue();
            assertEquals(2, attempts.get());
            assertTrue(
                    tokens.find(t.jti()).orElseThrow().noticeError().orElseThrow().contains("503"));

            resourceStatus = 200;
            fx.clock.advance(RevocationNotices.backoff(2));
            notices.deliverDue();
            assertEquals(List.of(t.jti(), t.jti()), calls, "the 503 call reached it too");
            assertTrue(tokens.find(t.jti()).orElseThrow().notifiedAt().isPresent());
            fx.clock.advance(Duration.ofMinutes(10));
            notices.deliverDue();
            assertEquals(3, attempts.get(), "acknowledged: no more calls");
        }

        @Test
        @DisplayName("Retries stop when the token expires: an expired auth token is refused anyway")
        void retriesStopWhenTheTokenExpires() {
            IssuedToken t = issued(AGENT, RESOURCE, null, Duration.ofSeconds(15));
            resourceStatus = 0;
            byTheAgent(t.jti());
            fx.clock.advance(Duration.ofSeconds(15));

            notices.deliverDue();
            assertEquals(1, attempts.get());
        }

        @Test
        void backoffDoublesFromTenSecondsUpToFiveMinutes() {
            assertEquals(Duration.ofSeconds(10), RevocationNotices.backoff(1));
            assertEquals(Duration.ofSeconds(20), RevocationNotices.backoff(2));
            assertEquals(Duration.ofSeconds(160), RevocationNotices.backoff(5));
            assertEquals(Duration.ofMinutes(5), RevocationNotices.backoff(6));
            assertEquals(Duration.ofMinutes(5), RevocationNotices.backoff(60));
        }
    }

    @Nested
    class PersonRevokes {

        Person person;
        PersonRevocations revocations;

        @BeforeEach
        void person() {
            String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
            person = persons.create(name, name, null).orElseThrow();
            revocations = new PersonRevocations(consents, tokens, notices);
        }

        @Test
        @DisplayName(
                "A person revokes a consent: no more direct grants, that agent's outstanding tokens at that resource revoked and the resource told")
        void revokingAConsentRevokesItsOutstandingTokens() {
            Consent consent = consents.grant(person.id(), AGENT, RESOURCE, Set.of("data.read"));
            IssuedToken here = issued(AGENT, RESOURCE, person.id(), Duration.ofMinutes(30));
            IssuedToken elsewhere =
                    issued(AGENT, OTHER_RESOURCE, person.id(), Duration.ofMinutes(30));

            assertTrue(revocations.revokeConsent(person.id(), consent.id()));

            assertFalse(
                    consents.covers(person.id(), AGENT, RESOURCE, Set.of("data.read")),
                    "stops new grants at once");
            assertTrue(revoked(here));
            assertFalse(revoked(elsewhere), "another resource's consent is untouched");
            assertEquals(List.of(here.jti()), calls);
            assertFalse(revocations.revokeConsent(person.id(), consent.id()), "once");
        }

        @Test
        @DisplayName("Negative: a consent of another person is not revoked, nor are its tokens")
        void anotherPersonsConsentIsNotRevoked() {
            Consent consent = consents.grant(person.id(), AGENT, RESOURCE, Set.of("data.read"));
            IssuedToken t = issued(AGENT, RESOURCE, person.id(), Duration.ofMinutes(30));
            Person intruder =
                    persons.create("i-" + UUID.randomUUID().toString().substring(0, 8), "I", null)
                            .orElseThrow();

            assertFalse(revocations.revokeConsent(intruder.id(), consent.id()));
            assertFalse(revocations.revokeConsent(person.id(), "no-such-consent"));
            assertTrue(consents.covers(person.id(), AGENT, RESOURCE, Set.of("data.read")));
            assertFalse(revoked(t));
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName(
                "A person revokes an agent: every consent and every outstanding token of that agent for them, at every resource")
        void revokingAnAgentRevokesAllItsTokens() {
            consents.grant(person.id(), AGENT, RESOURCE, Set.of("data.read"));
            consents.grant(person.id(), AGENT, OTHER_RESOURCE, Set.of("data.read"));
            IssuedToken a = issued(AGENT, RESOURCE, person.id(), Duration.ofMinutes(30));
            IssuedToken b = issued(AGENT, OTHER_RESOURCE, person.id(), Duration.ofMinutes(30));
            IssuedToken otherAgent =
                    issued(
                            "aauth:other@agents.example",
                            RESOURCE,
                            person.id(),
                            Duration.ofMinutes(30));

            assertEquals(2, revocations.revokeAgent(person.id(), AGENT));

            assertTrue(revoked(a));
            assertTrue(revoked(b));
            assertFalse(revoked(otherAgent));
            assertEquals(Set.of(a.jti(), b.jti()), Set.copyOf(calls));
        }
    }
}
