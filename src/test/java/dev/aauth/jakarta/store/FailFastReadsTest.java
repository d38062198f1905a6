package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Proxy;
import java.util.UUID;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link FailFastReads} on the real provider (EclipseLink, resource-local on H2). */
class FailFastReadsTest {

    @Test
    @DisplayName(
            "issue 12 scenario 4: EclipseLink retries a failed read once, at once (its default is three retries five seconds apart, which held reads for a whole outage)")
    void readsAreRetriedOnceWithoutDelay() {
        String url =
                "jdbc:h2:mem:failfast-"
                        + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("aauth");
        ds.setPassword("aauth");
        StoreMigration.migrate(ds);
        EntityManagerFactory factory = StorePersistence.resourceLocal(url, "aauth", "aauth", 2);
        try {
            EntityManager em = factory.createEntityManager();
            try {
                DatabaseLogin login =
                        em.unwrap(JpaEntityManager.class).getServerSession().getLogin();
                assertEquals(FailFastReads.READ_RETRIES, login.getQueryRetryAttemptCount());
                assertEquals(
                        FailFastReads.RETRY_DELAY_MILLIS,
                        login.getDelayBetweenConnectionAttempts());
                assertTrue(FailFastReads.apply(em), "applies to EclipseLink");
            } finally {
                em.close();
            }
        } finally {
            factory.close();
        }
    }

    @Test
    @DisplayName("another JPA provider is left as it is: no exception, reported as not applied")
    void anotherProviderIsLeftAlone() {
        EntityManager other =
                (EntityManager)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {EntityManager.class},
                                (proxy, method, args) ->
                                        method.getName().equals("getDelegate")
                                                ? "not a session"
                                                : null);
        assertFalse(FailFastReads.apply(other));
    }
}
