package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;

/**
 * The persistence unit {@value StoreMigration#PERSISTENCE_UNIT} outside a server: the same entities
 * and mappings, run {@code RESOURCE_LOCAL} on a JDBC URL with the provider's own connection pool.
 * Used by the store tests and by tools; the server uses the JTA data source.
 */
public final class StorePersistence {

    private StorePersistence() {}

    /**
     * Opens the persistence unit on {@code jdbcUrl} (the schema must already be migrated, see
     * {@link StoreMigration#migrate}).
     *
     * @param maxConnections the size of this factory's connection pool
     */
    public static EntityManagerFactory resourceLocal(
            String jdbcUrl, String user, String password, int maxConnections) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.jdbc.url", jdbcUrl);
        properties.put("jakarta.persistence.jdbc.user", user);
        properties.put("jakarta.persistence.jdbc.password", password);
        // EclipseLink (the provider of Liberty and Payara): pool bounds of this factory.
        properties.put("eclipselink.connection-pool.default.initial", "1");
        properties.put("eclipselink.connection-pool.default.min", "1");
        properties.put("eclipselink.connection-pool.default.max", Integer.toString(maxConnections));
        EntityManagerFactory factory =
                Persistence.createEntityManagerFactory(StoreMigration.PERSISTENCE_UNIT, properties);
        EntityManager em = factory.createEntityManager();
        try {
            FailFastReads.apply(em); // as the server's persistence unit
        } finally {
            em.close();
        }
        return factory;
    }
}
