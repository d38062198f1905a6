package dev.aauth.jakarta.store;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/**
 * The JTA transaction scopes {@link JtaTransactions} runs work in ({@code @Transactional}, whose
 * interceptor begins and commits), on the container-managed entity manager of the persistence unit
 * {@value StoreMigration#PERSISTENCE_UNIT}. Only {@link JtaTransactions} calls it: it sees a
 * failure of the commit too.
 */
@ApplicationScoped
public class JtaTransactionScopes {

    @PersistenceContext(unitName = StoreMigration.PERSISTENCE_UNIT)
    EntityManager entityManager;

    /** Reads fail fast on a database outage ({@link FailFastReads}). */
    @PostConstruct
    void failFastReads() {
        FailFastReads.apply(entityManager);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public <T> T required(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> T reading(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }
}
