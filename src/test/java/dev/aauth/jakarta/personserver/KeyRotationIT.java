package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.JwksCache;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.Origins;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.keys.JwksEndpoint;
import dev.aauth.jakarta.keys.StoredKeys;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reliability scenario 8 (issue 12): "Signing-key rotation during 2 minutes of traffic on two
 * instances: zero failed requests." Both instances of the IT servers ({@code aauth-it} and {@code
 * aauth-it2}, one PostgreSQL database, {@code -Ppostgres}) serve the demo backend agent's whole
 * flow (enrollment at the Agent Provider, the resource's challenge, a direct grant at the Person
 * Server, the call with the auth token at the other instance's resource, and a call with an auth
 * token obtained before the rotation) while the Person Server's (and Agent Provider's) key and the
 * supply-chain resource's key rotate the way {@link StoredKeys} rotates on schedule: the next key
 * is published (status {@code next}, in the JWKS, not signing), then promoted. The test JVM does
 * both steps as one more instance of the issuers would.
 *
 * <p>The next key is promoted {@link #PUBLISHED_BEFORE_SIGNING} after it is published: a verifier
 * "MUST NOT fetch a given issuer's JWKS more frequently than once per minute" ({@link
 * JwksCache#MIN_FETCH_INTERVAL}), so a key must be published at least a minute before it signs for
 * a verifier that fetched the JWKS just before it was published to find it on its unknown {@code
 * kid}; the servers' schedule publishes it {@code 300 s} + the refresh interval ahead. The IT
 * servers re-read their keys every 5 s ({@code aauth.keys.refresh-interval}). The traffic lasts
 * {@code aauth.reliability.rotation-seconds}: 80 by default, 120 under {@code -Preliability}.
 */
class KeyRotationIT {

    static final Duration DURATION =
            Duration.ofSeconds(Long.getLong("aauth.reliability.rotation-seconds", 80));

    static final Duration PUBLISHED_BEFORE_SIGNING = JwksCache.MIN_FETCH_INTERVAL.plusSeconds(2);

    /** At most 5 flows a second per instance: under aauth.person-server.token-rate. */
    static final Duration PACE = Duration.ofMillis(200);

    static final SecureRandom RANDOM = new SecureRandom();

    /** An answer other than the flow's. */
    record Failure(String step, String instance, int status, String body) {}

    static String kid(String jwt) {
        return (String) Jws.parse(jwt).header().get("kid");
    }

    static HttpResponse<String> to(ItRequests.Req signed, String firstBase, String base) {
        return firstBase.equals(base)
                ? signed.send()
                : PostgresIt.sendToSecond(signed, firstBase, base);
    }

    /** The kids seen signing tokens, per issuer, after the promotion. */
    final Map<String, Set<String>> signingAfter = new ConcurrentHashMap<>();

    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());

    final AtomicInteger flows = new AtomicInteger();

    final AtomicInteger oldTokenCallsAfter = new AtomicInteger();

    volatile boolean promoted;

    /**
     * One flow against instance {@code person}/{@code supply}, the auth token used at {@code
     * otherSupply}; every unexpected answer is a failure.
     */
    void flow(
            EnrolledAgent agent,
            boolean enrolledAfter,
            PersonRevocationIT.Granted old,
            String instance,
            String person,
            String supply,
            String otherSupply)
            throws Exception {
        boolean after = promoted;
        HttpResponse<String> c =
                to(get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()), SUPPLY, supply);
        if (c.statusCode() != 401 || c.headers().firstValue("AAuth-Requirement").isEmpty()) {
            failures.add(new Failure("challenge", instance, c.statusCode(), c.body()));
            return;
        }
        String rt = TokenRequests.challenge(c);
        HttpResponse<String> t =
                to(
                        post(Origins.PERSON + "/aauth/token")
                                .body(JsonUtil.toJson(Map.of("resource_token", rt)))
                                .sign(agent.key(), agent.jwt()),
                        PERSON,
                        person);
        if (t.statusCode() != 200) {
            failures.add(new Failure("token request", instance, t.statusCode(), t.body()));
            return;
        }
        String auth = (String) JsonUtil.parseJson(t.body()).get("auth_token");
        HttpResponse<String> call =
                to(
                        get(SUPPLY + "/api/inventory")
                                .sign(agent.key(), new SignatureKey.Jwt(auth)),
                        SUPPLY,
                        otherSupply);
        if (call.statusCode() != 200) {
            failures.add(new Failure("call", instance, call.statusCode(), call.body()));
            return;
        }
        HttpResponse<String> oldCall =
                to(
                        get(SUPPLY + "/api/inventory")
                                .sign(old.agent().key(), new SignatureKey.Jwt(old.authToken())),
                        SUPPLY,
                        supply);
        if (oldCall.statusCode() != 200) {
            failures.add(
                    new Failure(
                            "call with the token of before",
                            instance,
                            oldCall.statusCode(),
                            oldCall.body()));
            return;
        }
        if (after) {
            oldTokenCallsAfter.incrementAndGet();
            signingAfter.computeIfAbsent(SUPPLY, k -> ConcurrentHashMap.newKeySet()).add(kid(rt));
            signingAfter.computeIfAbsent(PERSON, k -> ConcurrentHashMap.newKeySet()).add(kid(auth));
            signingAfter
                    .computeIfAbsent(
                            enrolledAfter ? PERSON + " agent" : PERSON + " agent of before",
                            k -> ConcurrentHashMap.newKeySet())
                    .add(kid(agent.agentToken()));
        }
        flows.incrementAndGet();
    }

    /** The first key of the JWKS the instance at {@code base} serves: its current key. */
    @SuppressWarnings("unchecked")
    static String firstKid(String base) {
        HttpResponse<String> r = ItRequests.get(base + "/" + JwksEndpoint.PATH).send();
        assertEquals(200, r.statusCode(), r.body());
        try {
            List<Map<String, Object>> keys =
                    (List<Map<String, Object>>) JsonUtil.parseJson(r.body()).get("keys");
            return (String) keys.get(0).get("kid");
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes a next key for {@code issuer}, or takes the one already published (an earlier IT of
     * the same run, TwoInstancesIT, leaves one, as another instance's schedule would): either way
     * the key the test promotes after {@link #PUBLISHED_BEFORE_SIGNING}.
     */
    static String publishNext(SigningKeys store, String issuer) {
        byte[] id = new byte[9];
        RANDOM.nextBytes(id);
        SigningKey next =
                SigningKey.generate(
                        SignatureAlgorithm.ED25519,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        if (store.createNext(issuer, next.kid().orElseThrow(), next.toPrivateJwkJson())) {
            return next.kid().orElseThrow();
        }
        return store.next(issuer)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        issuer + ": no next key published and none could be"))
                .kid();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName(
            "Scenario 8: \"Signing-key rotation during 2 minutes of traffic on two instances: zero failed requests\": the PS/AP key and the resource key published, then promoted, under traffic on both instances; tokens signed with the old key keep verifying")
    void rotationUnderTrafficOnTwoInstances() throws Exception {
        PostgresIt.assumePostgres();
        String person2 = PostgresIt.secondInstance("person");
        String supply2 = PostgresIt.secondInstance("supply");
        EntityManagerFactory db = PostgresIt.database();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            SigningKeys store = new SigningKeys(PostgresIt.transactions(db), Clock.systemUTC());
            String oldPerson = store.current(PERSON).orElseThrow().kid();
            String oldSupply = store.current(SUPPLY).orElseThrow().kid();
            PersonRevocationIT.Granted old = PersonRevocationIT.directGrant("backend");
            assertEquals(oldPerson, kid(old.authToken()), "the token of before: the old key");

            List<Future<?>> workers = new ArrayList<>();
            for (String[] i :
                    List.of(
                            new String[] {"one", PERSON, SUPPLY, supply2},
                            new String[] {"two", person2, supply2, SUPPLY})) {
                workers.add(
                        pool.submit(
                                () -> {
                                    EnrolledAgent agent = null;
                                    boolean enrolledAfter = false;
                                    for (int n = 0; running.get(); n++) {
                                        // fresh agent tokens: signed by the key of the moment
                                        if (n % 5 == 0) {
                                            enrolledAfter = promoted;
                                            agent = EnrolledAgent.enroll("backend");
                                        }
                                        long paced = System.nanoTime() + PACE.toNanos();
                                        flow(agent, enrolledAfter, old, i[0], i[1], i[2], i[3]);
                                        // under the token rate limit (600 a minute per agent)
                                        TimeUnit.NANOSECONDS.sleep(paced - System.nanoTime());
                                    }
                                    return null;
                                }));
            }
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(3); // traffic on the old keys first
            String nextPerson = publishNext(store, PERSON);
            String nextSupply = publishNext(store, SUPPLY);
            long published = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(
                    published + PUBLISHED_BEFORE_SIGNING.toNanos() - System.nanoTime());
            for (String issuer : List.of(PERSON, SUPPLY)) {
                StoredKeys keys =
                        new StoredKeys(
                                issuer,
                                store,
                                Optional.empty(),
                                Duration.ofDays(30),
                                Duration.ofHours(1),
                                Duration.ofSeconds(5),
                                Clock.systemUTC());
                assertTrue(keys.rotateNow(), issuer + ": the published next key promoted");
            }
            assertEquals(nextPerson, store.current(PERSON).orElseThrow().kid());
            assertEquals(nextSupply, store.current(SUPPLY).orElseThrow().kid());
            // the instances adopt it at their next refresh (5 s): each JWKS lists it first (the
            // current key); what they sign from then on is recorded
            long adoptBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (String[] jwks :
                    List.of(
                            new String[] {PERSON, PERSON, nextPerson},
                            new String[] {person2, PERSON, nextPerson},
                            new String[] {SUPPLY, SUPPLY, nextSupply},
                            new String[] {supply2, SUPPLY, nextSupply})) {
                while (!jwks[2].equals(firstKid(jwks[0]))) {
                    assertTrue(
                            System.nanoTime() < adoptBy,
                            jwks[0] + " did not adopt " + jwks[1] + "'s promoted key within 20 s");
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
            promoted = true;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + DURATION.toNanos() - System.nanoTime()));
            running.set(false);
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }

            assertEquals(List.of(), failures, "zero failed requests");
            assertTrue(flows.get() > 0);
            assertEquals(
                    Set.of(nextSupply),
                    signingAfter.get(SUPPLY),
                    "both resource instances sign with the promoted key");
            assertEquals(
                    Set.of(nextPerson),
                    signingAfter.get(PERSON),
                    "both Person Server instances sign auth tokens with the promoted key");
            assertEquals(
                    Set.of(nextPerson),
                    signingAfter.get(PERSON + " agent"),
                    "the Agent Provider (the person origin's key) signs agent tokens with it");
            assertNotEquals(oldPerson, nextPerson);
            assertTrue(
                    oldTokenCallsAfter.get() > 0,
                    "the token signed with the old key verified after the rotation");
            System.out.printf(
                    "KeyRotationIT: %d flows (4 requests and an enrollment every 5th) on two instances in %d s, 0 failed; %d after the promotion; PS key %s -> %s, resource key %s -> %s%n",
                    flows.get(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                    oldTokenCallsAfter.get(),
                    oldPerson,
                    nextPerson,
                    oldSupply,
                    nextSupply);
        } finally {
            running.set(false);
            pool.shutdownNow();
            db.close();
        }
    }
}
