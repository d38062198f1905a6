package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests outside this package: a fresh, migrated database (H2 in memory in PostgreSQL mode, or a
 * schema of its own in the PostgreSQL test database) and store "instances" on it, each with its own
 * {@code RESOURCE_LOCAL} persistence unit (its own pool), as two servers would have.
 */
public final class TestStores implements AutoCloseable {

    private final StoreTestDatabase database;
    private final List<EntityManagerFactory> factories = new ArrayList<>();

    private TestStores(StoreTestDatabase database) {
        this.database = database;
        StoreMigration.migrate(database.dataSource());
    }

    public static TestStores h2() {
        return new TestStores(StoreTestDatabase.h2());
    }

    /**
     * Needs the PostgreSQL test database ({@code aauth.test.pg.*}): tag the test {@code postgres}.
     */
    public static TestStores postgres() {
        return new TestStores(StoreTestDatabase.postgres());
    }

    /** A new store instance on the database. */
    public Transactions instance(int maxConnections) {
        EntityManagerFactory f =
                StorePersistence.resourceLocal(
                        database.url(), database.user(), database.password(), maxConnections);
        factories.add(f);
        return new ResourceLocalTransactions(f);
    }

    @Override
    public void close() throws SQLException {
        factories.forEach(EntityManagerFactory::close);
        database.close();
    }
}
