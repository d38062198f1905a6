package dev.aauth.jakarta.store;

import dev.aauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A migrated throw-away database per test class and one store instance on it. Subclasses say which
 * database ({@link StoreTestDatabase#h2()} or {@link StoreTestDatabase#postgres()}); the tests are
 * the same for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreTestSupport {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    /** Connections per store instance: fewer than the racing threads, as in a real pool. */
    static final int POOL = 16;

    final MutableClock clock = new MutableClock(START);
    StoreTestDatabase database;
    StoreFixture store;

    abstract StoreTestDatabase openDatabase();

    @BeforeAll
    void openStore() {
        database = openDatabase();
        StoreMigration.migrate(database.dataSource());
        store = new StoreFixture(database, clock, POOL);
    }

    @AfterAll
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    Person newPerson() {
        String username = unique("person-");
        return store.persons
                .create(username, "Person " + username, username + "@example.com")
                .orElseThrow();
    }

    static String newAgent() {
        return "aauth:" + unique("agent-") + "@agent.example";
    }

    static NewPendingRequest request(String agentId, String personId, boolean withCode) {
        return new NewPendingRequest(
                agentId,
                "jkt-" + agentId.hashCode(),
                "resource.token." + agentId,
                null,
                "https://resource.example",
                Set.of("data.read", "data.write"),
                "because",
                "web",
                null,
                personId,
                withCode,
                LIFETIME,
                POLL_INTERVAL);
    }

    /** A request of a fresh agent with an interaction code. */
    PendingRequests.Created newCodeRequest() {
        return store.requests.create(request(newAgent(), null, true));
    }

    /**
     * A request already bound to {@code person} through its interaction code: {@code interacting}.
     */
    PendingRequest interactingRequest(Person person) {
        PendingRequests.Created created = newCodeRequest();
        PendingRequests.CodeRedemption redemption =
                store.requests.redeemInteractionCode(created.code().orElseThrow(), person.id());
        if (!redemption.won()) {
            throw new IllegalStateException("setup: " + redemption.outcome());
        }
        return redemption.request().orElseThrow();
    }

    IssuedToken tokenFor(PendingRequest request) {
        Instant now = clock.instant();
        return new IssuedToken(
                unique("jti-") + UUID.randomUUID(),
                "https://ps.example",
                dev.aauth.token.TokenType.AUTH,
                request.agentId(),
                request.resource(),
                request.personId().orElse(null),
                request.scopes(),
                now,
                now.plus(Duration.ofHours(1)));
    }

    /** {@link dev.aauth.testing.Races#race}. */
    static <T> List<T> race(int threads, IntFunction<Callable<T>> task) throws Exception {
        return dev.aauth.testing.Races.race(threads, task);
    }
}
