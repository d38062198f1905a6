package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.DatabasePersonTokens;
import dev.aauth.jakarta.store.DatabaseReplayCache;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.TestStores;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.personserver.AgentBindings;
import dev.aauth.personserver.AgentBindingsContract;
import dev.aauth.personserver.ConsentStore;
import dev.aauth.personserver.ConsentStoreContract;
import dev.aauth.personserver.DecisionLog;
import dev.aauth.personserver.DecisionLogContract;
import dev.aauth.personserver.IssuedPersonTokens;
import dev.aauth.personserver.IssuedPersonTokensContract;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.personserver.IssuedTokenLogContract;
import dev.aauth.personserver.PendingRequestStore;
import dev.aauth.personserver.PendingRequestStoreContract;
import dev.aauth.personserver.PersonIds;
import dev.aauth.personserver.PersonIdsContract;
import dev.aauth.personserver.ReplayCacheContract;
import dev.aauth.profile.ReplayCache;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Nested;

/**
 * The Person Server core's port contracts ({@code dev.aauth.personserver.*Contract}, also run
 * against the in-memory implementations) against the JPA adapters of this package, each test on a
 * fresh, migrated database: H2 ({@link JpaPortsTest}) or PostgreSQL ({@link PostgresJpaPortsTest},
 * {@code -Ppostgres}).
 */
abstract class JpaPortsContract {

    /** A fresh, migrated database. */
    abstract TestStores database();

    /** One database and the store classes on it, for one test. */
    final class Store implements AutoCloseable {
        final TestStores stores = database();
        final Transactions tx = stores.instance(4);

        Persons persons(Clock clock) {
            return new Persons(tx, clock);
        }

        @Override
        public void close() throws Exception {
            stores.close();
        }
    }

    @Nested
    class AgentBindingsJpa extends AgentBindingsContract {
        Store store;
        AgentBindings bindings;

        @Override
        protected void open() {
            store = new Store();
            bindings =
                    new StoreAgentBindings(
                            new dev.aauth.jakarta.store.AgentBindings(store.tx, clock),
                            store.persons(clock));
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected AgentBindings bindings() {
            return bindings;
        }
    }

    @Nested
    class ConsentStoreJpa extends ConsentStoreContract {
        Store store;
        ConsentStore consents;

        @Override
        protected void open() {
            store = new Store();
            consents = new StoreConsentStore(new Consents(store.tx, clock), store.persons(clock));
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected ConsentStore consents() {
            return consents;
        }
    }

    @Nested
    class PersonIdsJpa extends PersonIdsContract {
        Store store;
        PersonIds persons;

        @Override
        protected void open() {
            store = new Store();
            persons = new StorePersonIds(store.persons(clock));
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected PersonIds persons() {
            return persons;
        }
    }

    @Nested
    class IssuedTokenLogJpa extends IssuedTokenLogContract {
        Store store;
        IssuedTokenLog log;

        @Override
        protected void open() {
            store = new Store();
            log =
                    new StoreIssuedTokenLog(
                            new IssuedTokens(store.tx, clock),
                            store.persons(clock),
                            "https://ps.example",
                            PAIRWISE);
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected IssuedTokenLog log() {
            return log;
        }
    }

    @Nested
    class DecisionLogJpa extends DecisionLogContract {
        Store store;
        Decisions decisions;
        DecisionLog log;

        @Override
        protected void open() {
            store = new Store();
            decisions = new Decisions(store.tx, clock);
            log = new StoreDecisionLog(decisions, store.persons(clock));
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected DecisionLog log() {
            return log;
        }

        @Override
        protected long recordedFor(String agent) {
            return decisions.recentForAgent(agent, 100).size();
        }
    }

    @Nested
    class PendingRequestStoreJpa extends PendingRequestStoreContract {
        Store store;
        Persons persons;
        PendingRequestStore pending;

        @Override
        protected void open() {
            store = new Store();
            persons = store.persons(clock);
            pending = new StorePendingRequests(new PendingRequests(store.tx, clock));
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected PendingRequestStore store() {
            return pending;
        }

        @Override
        protected String newPerson() {
            return persons.create("p-" + UUID.randomUUID(), null, null).orElseThrow().id();
        }
    }

    @Nested
    class ReplayCacheJpa extends ReplayCacheContract {
        Store store;
        ReplayCache cache;

        @Override
        protected void open() {
            store = new Store();
            cache = new DatabaseReplayCache(store.tx, clock);
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected ReplayCache cache() {
            return cache;
        }
    }

    @Nested
    class IssuedPersonTokensJpa extends IssuedPersonTokensContract {
        Store store;
        IssuedPersonTokens tokens;

        @Override
        protected void open() {
            store = new Store();
            tokens = new DatabasePersonTokens(store.tx, clock);
        }

        @Override
        protected void close() throws Exception {
            store.close();
        }

        @Override
        protected IssuedPersonTokens tokens() {
            return tokens;
        }
    }
}
