package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether the store works in this server: the persistence unit on the data source, inside a
 * transaction, and the schema history.
 */
@ApplicationScoped
public class StoreHealth {

    @Inject Transactions transactions;

    @Inject StoreMigration migration;

    /**
     * Runs an {@code UPDATE} that matches no row (it needs a transaction, so it proves the JTA
     * wiring, and changes nothing), then reads the schema history.
     *
     * @throws RuntimeException when the database or the persistence unit does not answer
     */
    public SchemaState check() {
        transactions.required(
                em ->
                        em.createQuery(
                                        "UPDATE Person p SET p.username = p.username WHERE p.id = :none")
                                .setParameter("none", "")
                                .executeUpdate());
        return migration.state();
    }
}
