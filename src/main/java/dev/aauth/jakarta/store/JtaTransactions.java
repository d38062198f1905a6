package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/**
 * {@link Transactions} in a Jakarta EE server: the container-managed, transaction-scoped entity
 * manager of the JTA persistence unit {@value StoreMigration#PERSISTENCE_UNIT}.
 *
 * <p>{@code REQUIRED}: a repository call made inside the caller's own transaction joins it, so
 * several store calls can commit together; a transition "won" inside such a transaction holds its
 * row lock until the caller commits and is undone if the caller rolls back.
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

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> T reading(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }
}
