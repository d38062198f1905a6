package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Transactions} outside a server: each call ({@link #required} as {@link #requiresNew}) gets
 * its own entity manager and resource-local transaction from an {@link EntityManagerFactory} of the
 * persistence unit run {@code RESOURCE_LOCAL} (see {@link StorePersistence#resourceLocal}).
 */
public final class ResourceLocalTransactions implements Transactions {

    private final EntityManagerFactory factory;

    public ResourceLocalTransactions(EntityManagerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The same as {@link #required}: every call has a transaction of its own here. */
    @Override
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return required(work);
    }

    /** The same as {@link #required}. */
    @Override
    public <T> T reading(Function<EntityManager, T> work) {
        return required(work);
    }

    @Override
    public <T> T required(Function<EntityManager, T> work) {
        EntityManager entityManager = factory.createEntityManager();
        try {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
                T result = work.apply(entityManager);
                transaction.commit();
                return result;
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                throw e;
            }
        } finally {
            entityManager.close();
        }
    }
}
