package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * For tests outside this package: a fresh, migrated H2 in-memory database in PostgreSQL mode (the
 * server's options) and a {@code RESOURCE_LOCAL} persistence unit on it.
 */
public final class H2TestStores {

    private H2TestStores() {
    }

    /** A new migrated database; close the factory when done. */
    public static EntityManagerFactory open(String name, int maxConnections) {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + StoreTestDatabase.H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("aauth");
        ds.setPassword("aauth");
        StoreMigration.migrate(ds);
        return StorePersistence.resourceLocal(url, "aauth", "aauth", maxConnections);
    }
}
