package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/**
 * {@link Transactions} in a Jakarta EE server: the container-managed, transaction-scoped entity
 * manager of the JTA persistence unit {@value StoreMigration#PERSISTENCE_UNIT}.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {

    @PersistenceContext(unitName = StoreMigration.PERSISTENCE_UNIT)
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public <T> T required(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }
}
