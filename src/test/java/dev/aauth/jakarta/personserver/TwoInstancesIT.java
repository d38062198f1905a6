package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.TOKEN;
import static dev.aauth.jakarta.it.TokenRequests.alwaysAskChallenge;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.personserver.PostgresIt.sendToSecond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.consent.ConsentBrowser;
import dev.aauth.jakarta.consent.LoadBalancer;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.Origins;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jakarta.store.StoredSigningKey;
import dev.aauth.jose.JwkSet;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.TokenIssuer;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * "Two PS instances on one PostgreSQL serve the same requests: a pending request made on one can be
 * polled and approved on the other." Instance one is the IT server {@code aauth-it}, instance two
 * {@code aauth-it2} (same server.xml, same issuers, same database, other ports; {@code -Ppostgres}
 * only). Requests are signed for instance one's origin and sent to either: the Person Server checks
 * {@code @authority} against its configured issuer, not against the {@code Host} header.
 *
 * <p>The person acts in a real browser ({@link ConsentBrowser}) on the real sign-in and consent
 * pages, never through the database. The pages refuse a {@code POST} whose {@code Origin} is not
 * the configured issuer ({@code PersonPages}), which is instance one's {@code
 * http://localhost:<it.port.person>}; a browser pointed at instance two's own port would send that
 * port's origin and be refused, as it should. Deployed, both instances sit behind one load balancer
 * serving the public origin, so the test puts one in front of them: {@link LoadBalancer}, the
 * browser's HTTP proxy, to which the browser sends every request for the issuer's origin and which
 * passes it to the instance the test routes to ({@code Host} set to that instance, its {@code
 * Location}s rewritten to the public origin, everything else, {@code Origin} and cookies included,
 * as the browser sent it). The browser's origin is thus the issuer's, as in production; no check of
 * the pages is bypassed or weakened. Sessions are each instance's own (no sticky sessions here): a
 * person sent to the other instance signs in again.
 */
class TwoInstancesIT {

    static String PERSON2;
    static String SUPPLY = Origins.SUPPLY;
    static final String PASSWORD = "two instances, one person";
    static StandInIssuers.AgentProvider provider;

    @BeforeAll
    static void secondInstance() {
        PostgresIt.assumePostgres();
        PERSON2 = PostgresIt.secondInstance("person");
        provider =
                StandInIssuers.agentProvider(
                        Map.of("client_name", "Two Instances Test EnrolledAgent"));
    }

    static JwkSet jwks(String base) throws Exception {
        HttpResponse<String> r = get(base + "/aauth/jwks.json").send();
        assertEquals(200, r.statusCode(), r.body());
        return JwkSet.parseJson(r.body());
    }

    static List<String> kids(JwkSet set) {
        return set.keys().stream().map(k -> k.kid().orElseThrow()).toList();
    }

    @Test
    @DisplayName(
            "Keys: a token signed by instance one verifies against instance two's JWKS (one key set in the database)")
    void aTokenSignedByOneVerifiesAgainstTwosJwks() throws Exception {
        EnrolledAgent agent = enroll("backend");
        ParsedJws token = Jws.parse(agent.agentToken());

        token.verify(jwks(PERSON2).byKid(token.kid().orElseThrow()).orElseThrow());
        assertEquals(kids(jwks(PERSON)), kids(jwks(PERSON2)));
    }

    @Test
    @DisplayName(
            "Keys: a next key published in the database by a third instance is picked up on its unknown kid and shown in both JWKS with the current key")
    void aNewKeyIsSharedThroughTheDatabase() throws Exception {
        EntityManagerFactory db = PostgresIt.database();
        try {
            SigningKeys store = new SigningKeys(PostgresIt.transactions(db), Clock.systemUTC());
            String current = store.current(PERSON).orElseThrow().kid();
            SigningKey made =
                    SigningKey.generate(
                            SignatureAlgorithm.ED25519,
                            "it-next-" + Instant.now().getEpochSecond());
            store.createNext(
                    PERSON,
                    made.kid().orElseThrow(),
                    made.toPrivateJwkJson()); // or an earlier run's
            StoredSigningKey next = store.next(PERSON).orElseThrow();
            SigningKey nextKey = SigningKey.fromJwkJson(next.privateJwk());
            SigningKey agentKey = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            String agentId = "aauth:backend@" + PERSON.substring("http://".length());
            String agentToken =
                    new TokenIssuer(PERSON, new ServerKeySet(nextKey), Clock.systemUTC())
                            .agentToken(
                                    agentId,
                                    agentKey.publicJwk(),
                                    PERSON,
                                    Duration.ofMinutes(5),
                                    Map.of())
                            .compact();

            for (String base : List.of(PERSON, PERSON2)) {
                ItRequests.Req r =
                        post(TOKEN)
                                .body("{\"resource_token\":\"not-a-token\"}")
                                .sign(agentKey, new SignatureKey.Jwt(agentToken));
                HttpResponse<String> answer =
                        base.equals(PERSON) ? r.send() : sendToSecond(r, PERSON, PERSON2);
                assertTokenError(
                        answer,
                        400,
                        "invalid_resource_token"); // the agent token (new kid) verified
                List<String> published = kids(jwks(base));
                assertEquals(current, published.get(0), "the current key still signs: first");
                assertTrue(
                        published.contains(next.kid()),
                        base + " publishes the next key: " + published);
            }
        } finally {
            db.close();
        }
    }

    @Test
    @DisplayName(
            "A direct grant on instance two; a grant of instance one revoked on instance two, then refused by the resource")
    void directGrantAndRevocationAcrossInstances() throws Exception {
        EnrolledAgent agent = enroll("backend");
        String rt =
                TokenRequests.challenge(
                        get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()).send());
        ItRequests.Req request =
                post(TOKEN)
                        .body(JsonUtil.toJson(Map.of("resource_token", rt)))
                        .sign(agent.key(), agent.jwt());
        String onTwo = granted(sendToSecond(request, PERSON, PERSON2));
        assertEquals(PERSON, Jws.parse(onTwo).claims().get("iss"));

        PersonRevocationIT.Granted g = PersonRevocationIT.directGrant("backend");
        assertEquals(200, PersonRevocationIT.inventory(g).statusCode());
        ItRequests.Req revoke =
                post(PersonRevocationIT.REVOCATION)
                        .body(JsonUtil.toJson(Map.of("jti", g.jti())))
                        .sign(g.agent().key(), g.agent().jwt());
        HttpResponse<String> revoked = sendToSecond(revoke, PERSON, PERSON2);
        assertEquals(200, revoked.statusCode(), revoked.body());

        PersonRevocationIT.assertRefusedAsRevoked(
                PersonRevocationIT.refusedWithin(g, Duration.ofSeconds(15)));
    }

    @Test
    @DisplayName(
            "A pending request (202) made on instance one is polled on instance two (same state), cancelled there, then 410 on both")
    void aPendingRequestMovesBetweenInstances() throws Exception {
        EnrolledAgent agent = enroll("backend");
        HttpResponse<String> deferred =
                TokenRequests.tokenRequest(agent, alwaysAskChallenge(agent));
        String location = pending(deferred);
        String location2 = PERSON2 + location.substring(PERSON.length());

        HttpResponse<String> early = poll("GET", location, agent, true);
        if (early.statusCode() == 202) {
            // a busy machine took longer than Retry-After between the 202 and this poll: this poll
            // starts the interval again, so the next one comes too early
            early = poll("GET", location, agent, true);
        }
        assertTokenError(early, 429, "slow_down"); // the rate limit is shared state
        Instant deadline = Instant.now().plusSeconds(15);
        HttpResponse<String> polled = poll("GET", location, agent, true);
        while (polled.statusCode() == 429 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            polled = poll("GET", location, agent, true);
        }
        assertEquals(202, polled.statusCode(), polled.body());
        assertEquals(Map.of("status", "pending"), JsonUtil.parseJson(polled.body()));

        assertEquals(204, poll("DELETE", location, agent, true).statusCode());
        assertTokenError(poll("GET", location, agent, false), 410, "invalid_code");
        assertTokenError(poll("GET", location, agent, true), 410, "invalid_code");
        assertNotEquals(location, location2);
    }

    /**
     * The always-ask request ({@code POST /api/orders}) of a stand-in agent of its own, pending on
     * instance one.
     */
    record AlwaysAsk(Deferred deferred, List<String> scopes) {
        static AlwaysAsk onOne(String local) throws Exception {
            StandInIssuers.Agent a =
                    provider.agent(
                            local + "-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
            String resourceToken = alwaysAskChallenge(new EnrolledAgent(a.key(), a.agentToken()));
            List<String> scopes =
                    List.of(((String) Jws.parse(resourceToken).claims().get("scope")).split(" "));
            assertTrue(scopes.contains("supply-chain:optimize"), "the always-ask scope: " + scopes);
            return new AlwaysAsk(Deferred.request(a, resourceToken, Map.of()), scopes);
        }
    }

    /** The person's browser behind the load balancer, which first sends it to {@code instance}. */
    record Balanced(LoadBalancer balancer, ConsentBrowser browser) implements AutoCloseable {
        static Balanced to(String instance) {
            LoadBalancer balancer = new LoadBalancer(PERSON, instance);
            try {
                return new Balanced(balancer, new ConsentBrowser(balancer.proxy()));
            } catch (RuntimeException e) {
                balancer.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try (balancer) {
                browser.close();
            }
        }
    }

    /** A person of their own: the account only, the decisions are made on the pages. */
    static Person person() {
        Person p = ItStore.get().newPerson("Two Instances", "two-instances@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(p.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
        return p;
    }

    static String outcome(ConsentBrowser browser) {
        return browser.driver.findElement(By.id("done")).getAttribute("data-outcome");
    }

    @Test
    @DisplayName(
            "a pending request made on one can be polled and approved on the other: approved by the person on instance two's pages, "
                    + "the poll on instance one gets the auth token once, the resource accepts it, the next poll is 410 on both")
    void approvedOnTwoPolledOnOne() throws Exception {
        Person person = person();
        AlwaysAsk asked = AlwaysAsk.onOne("approve");
        Deferred d = asked.deferred();
        try (Balanced b = Balanced.to(PERSON2)) {
            ConsentBrowser browser = b.browser();
            browser.openPage(PERSON + "/interaction?code=" + d.code(), person.username(), PASSWORD);
            assertTrue(
                    browser.driver.getCurrentUrl().startsWith(PERSON + "/interaction?request="),
                    browser.driver.getCurrentUrl());
            assertTrue(
                    browser.driver
                            .findElement(By.id("decide"))
                            .getText()
                            .contains("supply-chain:optimize"));
            browser.click("decide:approve");
            assertTrue(
                    browser.driver.getCurrentUrl().startsWith(PERSON + "/done"),
                    browser.driver.getCurrentUrl());
            assertEquals("approved", outcome(browser));
            assertTrue(b.balancer().served(PERSON2) > 0, "instance two served the pages");
            assertEquals(0, b.balancer().served(PERSON), "instance one served none of them");
        }

        String authToken = granted(d.pollUntilAnswered(PERSON));
        AuthToken t =
                TokenRequests.verifier()
                        .verifyAuthTokenResponse(
                                authToken,
                                PERSON,
                                SUPPLY,
                                d.agent().key().publicJwk(),
                                d.agent().id()); // signature, iss, aud, cnf.jwk, agent, act.sub
        assertEquals(PERSON, t.issuer());
        assertEquals(SUPPLY, t.audience());
        assertEquals(d.agent().key().publicJwk().thumbprint(), t.cnf().thumbprint());
        assertEquals(asked.scopes(), t.scope(), "every scope asked was approved");
        assertNotNull(t.subject(), "the person's pairwise sub");

        String order = "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}";
        HttpResponse<String> placed =
                post(SUPPLY + "/api/orders")
                        .body(order)
                        .header(
                                "content-digest",
                                ContentDigest.create(order.getBytes(StandardCharsets.UTF_8)))
                        .sign(d.agent().key(), new SignatureKey.Jwt(authToken), "content-digest")
                        .send();
        assertEquals(201, placed.statusCode(), placed.body());

        assertTokenError(d.poll(PERSON), 410, "invalid_code"); // the token was handed out once
        assertTokenError(d.poll(PERSON2), 410, "invalid_code");
    }

    @Test
    @DisplayName(
            "a pending request made on one can be polled and approved on the other: the code redeemed on instance two, "
                    + "the person then sent to instance one denies there, the poll on instance two gets 403 denied")
    void redeemedOnTwoDeniedOnOnePolledOnTwo() throws Exception {
        Person person = person();
        Deferred d = AlwaysAsk.onOne("deny").deferred();
        try (Balanced b = Balanced.to(PERSON2)) {
            ConsentBrowser browser = b.browser();
            browser.openPage(PERSON + "/interaction?code=" + d.code(), person.username(), PASSWORD);
            String consent = browser.driver.getCurrentUrl();
            assertTrue(consent.startsWith(PERSON + "/interaction?request="), consent);
            int onTwo = b.balancer().served(PERSON2);
            assertTrue(onTwo > 0, "instance two redeemed the code");

            HttpResponse<String> interacting =
                    d.pollUntil(
                            PERSON, r -> r.statusCode() != 202 || r.body().contains("interacting"));
            assertEquals(202, interacting.statusCode(), interacting.body());
            assertEquals(
                    Map.of("status", "interacting"),
                    JsonUtil.parseJson(interacting.body()),
                    "instance one sees the redemption");

            b.balancer()
                    .route(PERSON); // the balancer sends the person's next requests to instance one
            browser.openPage(
                    consent, person.username(), PASSWORD); // instance one has its own sessions
            assertTrue(
                    browser.driver.getCurrentUrl().startsWith(consent),
                    browser.driver.getCurrentUrl());
            browser.click("decide:deny");
            assertEquals("denied", outcome(browser));
            assertTrue(b.balancer().served(PERSON) > 0, "instance one served the decision");
            assertEquals(onTwo, b.balancer().served(PERSON2), "instance two served nothing more");
        }

        assertTokenError(d.pollUntilAnswered(PERSON2), 403, "denied");
        assertTokenError(d.poll(PERSON), 410, "invalid_code");
    }

    /** A signed poll for instance one's pending URL, sent to instance one or two. */
    static HttpResponse<String> poll(
            String method, String location, EnrolledAgent agent, boolean onTwo) {
        ItRequests.Req r = new ItRequests.Req(method, location).sign(agent.key(), agent.jwt());
        return onTwo ? sendToSecond(r, PERSON, PERSON2) : r.send();
    }
}
