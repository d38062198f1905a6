package dev.aauth.jakarta.store;

import dev.aauth.testing.MutableClock;
import jakarta.persistence.EntityManagerFactory;

/**
 * One "instance" of the store: its own persistence-unit factory (so its own connection pool) on a
 * database, and every repository over it, sharing a test clock.
 */
final class StoreFixture implements AutoCloseable {

    final EntityManagerFactory factory;
    final Transactions transactions;
    final Persons persons;
    final AgentBindings bindings;
    final Consents consents;
    final PendingRequests requests;
    final IssuedTokens tokens;
    final Revocations revocations;
    final Decisions decisions;
    final SigningKeys keys;

    StoreFixture(StoreTestDatabase database, MutableClock clock, int maxConnections) {
        this.factory =
                StorePersistence.resourceLocal(
                        database.url(), database.user(), database.password(), maxConnections);
        this.transactions = new ResourceLocalTransactions(factory);
        this.persons = new Persons(transactions, clock);
        this.bindings = new AgentBindings(transactions, clock);
        this.consents = new Consents(transactions, clock);
        this.requests = new PendingRequests(transactions, clock);
        this.tokens = new IssuedTokens(transactions, clock);
        this.revocations = new Revocations(transactions, clock);
        this.decisions = new Decisions(transactions, clock);
        this.keys = new SigningKeys(transactions, clock);
    }

    @Override
    public void close() {
        factory.close();
    }
}
