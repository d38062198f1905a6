package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.personserver.PersonServerIT.PERSON;
import static dev.aauth.jakarta.personserver.PersonServerIT.TOKEN;
import static dev.aauth.jakarta.personserver.PersonServerIT.alwaysAskChallenge;
import static dev.aauth.jakarta.personserver.PersonServerIT.assertTokenError;
import static dev.aauth.jakarta.personserver.PersonServerIT.enroll;
import static dev.aauth.jakarta.personserver.PersonServerIT.granted;
import static dev.aauth.jakarta.personserver.PersonServerIT.pending;
import static dev.aauth.jakarta.personserver.PostgresIt.sendToSecond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jakarta.store.StoredSigningKey;
import dev.aauth.jose.JwkSet;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenIssuer;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Two PS instances on one PostgreSQL serve the same requests: a pending request made on one can be
 * polled and approved on the other." Instance one is the IT server {@code aauth-it}, instance two
 * {@code aauth-it2} (same server.xml, same issuers, same database, other ports; {@code -Ppostgres}
 * only). Requests are signed for instance one's origin and sent to either: the Person Server checks
 * {@code @authority} against its configured issuer, not against the {@code Host} header. (Approval by
 * the person is built elsewhere; cancellation stands in for the terminal transition here.)
 */
class TwoInstancesIT {

    static String PERSON2;
    static String SUPPLY = PersonServerIT.SUPPLY;

    @BeforeAll
    static void secondInstance() {
        PostgresIt.assumePostgres();
        PERSON2 = PostgresIt.secondInstance("person");
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
    @DisplayName("Keys: a token signed by instance one verifies against instance two's JWKS (one key set in the database)")
    void aTokenSignedByOneVerifiesAgainstTwosJwks() throws Exception {
        PersonServerIT.Agent agent = enroll("backend");
        ParsedJws token = Jws.parse(agent.agentToken());

        token.verify(jwks(PERSON2).byKid(token.kid().orElseThrow()).orElseThrow());
        assertEquals(kids(jwks(PERSON)), kids(jwks(PERSON2)));
    }

    @Test
    @DisplayName("Keys: a next key published in the database by a third instance is picked up on its unknown kid and shown in both JWKS with the current key")
    void aNewKeyIsSharedThroughTheDatabase() throws Exception {
        EntityManagerFactory db = PostgresIt.database();
        try {
            SigningKeys store = new SigningKeys(PostgresIt.transactions(db), Clock.systemUTC());
            String current = store.current(PERSON).orElseThrow().kid();
            SigningKey made = SigningKey.generate(SignatureAlgorithm.ED25519, "it-next-" + Instant.now().getEpochSecond());
            store.createNext(PERSON, made.kid().orElseThrow(), made.toPrivateJwkJson()); // or an earlier run's
            StoredSigningKey next = store.next(PERSON).orElseThrow();
            SigningKey nextKey = SigningKey.fromJwkJson(next.privateJwk());
            SigningKey agentKey = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            String agentId = "aauth:backend@" + PERSON.substring("http://".length());
            String agentToken = new TokenIssuer(PERSON, new ServerKeySet(nextKey), Clock.systemUTC())
                    .agentToken(agentId, agentKey.publicJwk(), PERSON, Duration.ofMinutes(5), Map.of()).compact();

            for (String base : List.of(PERSON, PERSON2)) {
                ItRequests.Req r = post(TOKEN).body("{\"resource_token\":\"not-a-token\"}")
                        .sign(agentKey, new SignatureKey.Jwt(agentToken));
                HttpResponse<String> answer = base.equals(PERSON) ? r.send() : sendToSecond(r, PERSON, PERSON2);
                assertTokenError(answer, 400, "invalid_resource_token"); // the agent token (new kid) verified
                List<String> published = kids(jwks(base));
                assertEquals(current, published.get(0), "the current key still signs: first");
                assertTrue(published.contains(next.kid()), base + " publishes the next key: " + published);
            }
        } finally {
            db.close();
        }
    }

    @Test
    @DisplayName("A direct grant on instance two; a grant of instance one revoked on instance two, then refused by the resource")
    void directGrantAndRevocationAcrossInstances() throws Exception {
        PersonServerIT.Agent agent = enroll("backend");
        String rt = PersonServerIT.challenge(get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()).send());
        ItRequests.Req request = post(TOKEN).body(JsonUtil.toJson(Map.of("resource_token", rt))).sign(agent.key(), agent.jwt());
        String onTwo = granted(sendToSecond(request, PERSON, PERSON2));
        assertEquals(PERSON, Jws.parse(onTwo).claims().get("iss"));

        PersonRevocationIT.Granted g = PersonRevocationIT.directGrant("backend");
        assertEquals(200, PersonRevocationIT.inventory(g).statusCode());
        ItRequests.Req revoke = post(PersonRevocationIT.REVOCATION).body(JsonUtil.toJson(Map.of("jti", g.jti())))
                .sign(g.agent().key(), g.agent().jwt());
        HttpResponse<String> revoked = sendToSecond(revoke, PERSON, PERSON2);
        assertEquals(200, revoked.statusCode(), revoked.body());

        PersonRevocationIT.assertRefusedAsRevoked(PersonRevocationIT.refusedWithin(g, Duration.ofSeconds(15)));
    }

    @Test
    @DisplayName("A pending request (202) made on instance one is polled on instance two (same state), cancelled there, then 410 on both")
    void aPendingRequestMovesBetweenInstances() throws Exception {
        PersonServerIT.Agent agent = enroll("backend");
        HttpResponse<String> deferred = PersonServerIT.tokenRequest(agent, alwaysAskChallenge(agent));
        String location = pending(deferred);
        String location2 = PERSON2 + location.substring(PERSON.length());

        assertTokenError(poll("GET", location, agent, true), 429, "slow_down"); // the rate limit is shared state
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

    /** A signed poll for instance one's pending URL, sent to instance one or two. */
    static HttpResponse<String> poll(String method, String location, PersonServerIT.Agent agent, boolean onTwo) {
        ItRequests.Req r = new ItRequests.Req(method, location).sign(agent.key(), agent.jwt());
        return onTwo ? sendToSecond(r, PERSON, PERSON2) : r.send();
    }

}
