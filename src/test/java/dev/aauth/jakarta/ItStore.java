package dev.aauth.jakarta;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.StorePersistence;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.UUID;

/**
 * The aauth-it server's database, opened from the test JVM (Failsafe's {@code aauth.it.db.*}: the
 * H2 file in AUTO_SERVER mode, or PostgreSQL under {@code -Ppostgres}), so an IT can act as the
 * person through the same store calls the consent pages make (redeem a code, ask a question,
 * approve), while the agent's side goes over HTTP. One factory per test JVM, closed at exit.
 */
public final class ItStore {

    private static ItStore instance;

    public final PendingRequests pending;
    public final Persons persons;

    /** Agent bindings and remembered consents (issue 13: the -11 ITs bind their own agents). */
    public final dev.aauth.jakarta.store.AgentBindings bindings;

    public final dev.aauth.jakarta.store.Consents consents;

    private final ResourceLocalTransactions tx;

    private ItStore(EntityManagerFactory factory) {
        ResourceLocalTransactions tx = new ResourceLocalTransactions(factory);
        this.tx = tx;
        this.pending = new PendingRequests(tx, Clock.systemUTC());
        this.persons = new Persons(tx, Clock.systemUTC());
        this.bindings = new dev.aauth.jakarta.store.AgentBindings(tx, Clock.systemUTC());
        this.consents = new dev.aauth.jakarta.store.Consents(tx, Clock.systemUTC());
    }

    /**
     * Remembers that the person let the agent act at the resource as them (the -11 person-token
     * first-issuance consent), as approving with "Remember" on the consent page does.
     */
    public void personTokenConsent(String personId, String agent, String resource) {
        consents.grant(
                personId,
                agent,
                resource,
                java.util.Set.of(dev.aauth.personserver.PersonTokenConsent.SCOPE));
    }

    public static synchronized ItStore get() {
        if (instance == null) {
            EntityManagerFactory factory =
                    StorePersistence.resourceLocal(
                            named(property("aauth.it.db.url")),
                            property("aauth.it.db.user"),
                            property("aauth.it.db.password"),
                            2);
            Runtime.getRuntime().addShutdownHook(new Thread(factory::close));
            instance = new ItStore(factory);
        }
        return instance;
    }

    /**
     * The test JVM's own connections, named on PostgreSQL ({@value #APPLICATION_NAME}) so that an
     * outage made for the servers ({@code DatabaseOutageIT}) leaves them alone.
     */
    public static final String APPLICATION_NAME = "aauth-it-tests";

    static String named(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + APPLICATION_NAME;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, name + " is not set: run the integration tests with `mvn verify`");
        return value;
    }

    /**
     * Ends the request of a pending URL as the store would once {@code later} has passed: the
     * store's own expiry ({@link PendingRequests#expireIfDue}) with a {@link Clock} that far ahead,
     * so an IT reaches {@code expired} without waiting for the lifetime.
     */
    public boolean expireAsIf(String location, java.time.Duration later) {
        return new PendingRequests(tx, Clock.offset(Clock.systemUTC(), later))
                .expireIfDue(request(location).id());
    }

    /** A new person of its own for one test. */
    public Person newPerson(String displayName, String email) {
        return persons.create("it-" + UUID.randomUUID(), displayName, email).orElseThrow();
    }

    /**
     * Who decides the request at a pending URL: the person it already belongs to (its agent is
     * bound to someone, e.g. by an earlier IT's consent: the ITs share the demo agents), else a new
     * person.
     */
    public Person decider(String location, String displayName, String email) {
        return request(location)
                .personId()
                .flatMap(persons::find)
                .orElseGet(() -> newPerson(displayName, email));
    }

    /** The pending request of a pending URL (its last segment). */
    public PendingRequest request(String location) {
        return pending.find(location.substring(location.lastIndexOf('/') + 1)).orElseThrow();
    }

    /**
     * The person arrives at the interaction endpoint with the code of the 202: the request becomes
     * interacting.
     */
    public boolean redeem(String code, Person person) {
        return pending.redeemInteractionCode(InteractionCode.parse(code).orElseThrow(), person.id())
                .won();
    }
}
