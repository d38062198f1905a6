package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * Runs repository work in a transaction: {@link JtaTransactions} in the server, {@link
 * ResourceLocalTransactions} elsewhere. A {@link RuntimeException} from the work rolls the
 * transaction back and propagates.
 */
public interface Transactions {

    /**
     * EclipseLink's read-only query hint, for finds in {@link #reading} (other providers ignore
     * hints they do not know).
     */
    java.util.Map<String, Object> READ_ONLY = java.util.Map.of("eclipselink.read-only", "true");

    /**
     * Runs {@code work} in a transaction (joining the caller's, if the implementation supports
     * one).
     */
    <T> T required(Function<EntityManager, T> work);

    /**
     * Runs {@code work} in a transaction of its own, never the caller's: for work done on a
     * caller's thread on behalf of others (a group commit), whose fate must not follow the caller's
     * transaction.
     */
    <T> T requiresNew(Function<EntityManager, T> work);

    /**
     * Runs {@code work}, which only reads, in the caller's transaction if there is one and
     * otherwise in none (the server's entity manager then reads with an auto-committed connection:
     * no begin and commit around one {@code SELECT}).
     */
    <T> T reading(Function<EntityManager, T> work);
}
