package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.StoreMigration;
import dev.aauth.jakarta.store.StorePersistence;
import dev.aauth.jakarta.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh, migrated in-memory H2 store (PostgreSQL mode) for the Person Server's unit tests. */
final class H2MemoryStore implements AutoCloseable {

    final EntityManagerFactory factory;
    final Transactions tx;

    H2MemoryStore(String name) {
        String url =
                "jdbc:h2:mem:"
                        + name
                        + "-"
                        + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("aauth");
        ds.setPassword("aauth");
        StoreMigration.migrate(ds);
        factory = StorePersistence.resourceLocal(url, "aauth", "aauth", 4);
        tx = new ResourceLocalTransactions(factory);
    }

    @Override
    public void close() {
        factory.close();
    }
}
