package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.keys.StoredKeys;
import dev.aauth.jakarta.store.AgentBindings;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Consent;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link PersonRevocations}, the one seam of the account pages, against the real thing: the IT
 * server's database (PostgreSQL, {@code -Ppostgres}), the real Person Server's tokens and keys
 * (read from the database, as another instance of the PS would), and the real resources of the IT
 * server over HTTP. The bean is built here in the test JVM (no test-only endpoint in the WAR): a
 * person revokes an agent, or a consent, and the resource then refuses the outstanding token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonRevocationsIT {

    static final String BACKEND = "aauth:backend@" + PERSON.substring("http://".length());

    EntityManagerFactory db;
    Persons persons;
    AgentBindings bindings;
    Consents consents;
    PersonRevocations revocations;
    Person person;

    @BeforeAll
    void open() {
        PostgresIt.assumePostgres();
        db = PostgresIt.database();
        Transactions tx = PostgresIt.transactions(db);
        Clock clock = Clock.systemUTC();
        persons = new Persons(tx, clock);
        bindings = new AgentBindings(tx, clock);
        consents = new Consents(tx, clock);
        IssuedTokens tokens = new IssuedTokens(tx, clock);
        StoredKeys keys =
                new StoredKeys(
                        PERSON,
                        new SigningKeys(tx, clock),
                        Optional.empty(),
                        Duration.ofDays(30),
                        Duration.ofHours(1),
                        Duration.ofMinutes(1),
                        clock);
        JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .build();
        RevocationNotices notices =
                new RevocationNotices(
                        tokens,
                        new ResourceRevocationClient(
                                PERSON,
                                keys.keySet(),
                                r -> jwks.metadata(r, Dwk.RESOURCE, AAuthError.SERVER_ERROR),
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT)::post,
                                clock),
                        Runnable::run,
                        clock);
        revocations = new PersonRevocations(consents, tokens, notices);
        String name = "revoker-" + UUID.randomUUID().toString().substring(0, 8);
        person = persons.create(name, name, null).orElseThrow();
    }

    @AfterAll
    void close() {
        if (db != null) {
            bindings.unbind(BACKEND, person.id());
            db.close();
        }
    }

    /** The backend agent bound to the person for the duration of {@code work}. */
    void whileBound(ThrowingRunnable work) throws Exception {
        assertEquals(
                AgentBindings.BindOutcome.BOUND,
                bindings.bind(BACKEND, person.id(), BoundBy.ADMIN).outcome(),
                "setup: the backend agent must be unbound");
        try {
            work.run();
        } finally {
            assertTrue(bindings.unbind(BACKEND, person.id()));
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    @DisplayName(
            "A person revokes an agent: its outstanding auth token (issued by the real PS) is revoked at the real resource, which refuses it")
    void revokingAnAgentReachesTheResource() throws Exception {
        whileBound(
                () -> {
                    PersonRevocationIT.Granted g = PersonRevocationIT.directGrant("backend");
                    assertNotNull(
                            Jws.parse(g.authToken()).claims().get("sub"),
                            "issued for the person (pairwise sub)");
                    assertEquals(200, PersonRevocationIT.inventory(g).statusCode());

                    revocations.revokeAgent(person.id(), BACKEND);

                    PersonRevocationIT.assertRefusedAsRevoked(
                            PersonRevocationIT.refusedWithin(g, Duration.ofSeconds(15)));
                });
    }

    @Test
    @DisplayName(
            "A person revokes a consent: the remembered consent no longer grants, its outstanding token is refused by the resource")
    void revokingAConsentReachesTheResource() throws Exception {
        whileBound(
                () -> {
                    Consent consent =
                            consents.grant(
                                    person.id(), BACKEND, MARKET, Set.of("market-analysis:read"));
                    EnrolledAgent agent = EnrolledAgent.enroll("backend");
                    String rt =
                            TokenRequests.challenge(
                                    get(MARKET + "/api/market/laptops")
                                            .sign(agent.key(), agent.jwt())
                                            .send());
                    String token =
                            TokenRequests.granted(
                                    TokenRequests.tokenRequest(
                                            agent, rt)); // the remembered consent
                    SignatureKey auth = new SignatureKey.Jwt(token);
                    assertEquals(
                            200,
                            get(MARKET + "/api/market/laptops")
                                    .sign(agent.key(), auth)
                                    .send()
                                    .statusCode());

                    assertTrue(revocations.revokeConsent(person.id(), consent.id()));

                    HttpResponse<String> after =
                            get(MARKET + "/api/market/laptops").sign(agent.key(), auth).send();
                    PersonRevocationIT.assertRefusedAsRevoked(after);
                    String rt2 =
                            TokenRequests.challenge(
                                    get(MARKET + "/api/market/laptops")
                                            .sign(agent.key(), agent.jwt())
                                            .send());
                    assertEquals(
                            202,
                            TokenRequests.tokenRequest(agent, rt2).statusCode(),
                            "no more direct grants: the person is asked");
                });
    }
}
