package dev.aauth.jakarta.personserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.store.ResourceLocalTransactions;
import dev.aauth.jakarta.store.StorePersistence;
import dev.aauth.jakarta.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;

/**
 * What the {@code -Ppostgres} integration tests share: the IT servers' database (the test JVM opens
 * it as one more instance would) and the second server {@code aauth-it2}, which serves the same
 * origins (same issuers) on other ports.
 */
final class PostgresIt {

    private PostgresIt() {}

    /** Skips the calling test unless the IT servers run on PostgreSQL ({@code -Ppostgres}). */
    static void assumePostgres() {
        assumeTrue(
                "PostgreSQL".equals(System.getProperty("aauth.it.database")),
                "needs -Ppostgres: two instances share the PostgreSQL database");
    }

    /** The base URL of an origin of the second instance: person or supply. */
    static String secondInstance(String origin) {
        String url = System.getProperty("aauth.it2." + origin + ".url");
        assumeTrue(url != null, "aauth.it2." + origin + ".url is not set");
        return url;
    }

    /** The IT servers' database, as one more instance (own pool). */
    static EntityManagerFactory database() {
        return StorePersistence.resourceLocal(
                System.getProperty("aauth.test.pg.url"),
                System.getProperty("aauth.test.pg.user"),
                System.getProperty("aauth.test.pg.password"),
                4);
    }

    static Transactions transactions(EntityManagerFactory f) {
        return new ResourceLocalTransactions(f);
    }

    /**
     * Sends a request signed for instance one ({@code @authority} is the configured issuer, not the
     * {@code Host} the request arrives with) to the same path on instance two.
     */
    static HttpResponse<String> sendToSecond(
            ItRequests.Req signed, String firstBase, String secondBase) {
        signed.url = secondBase + signed.url.substring(firstBase.length());
        return signed.send();
    }
}
