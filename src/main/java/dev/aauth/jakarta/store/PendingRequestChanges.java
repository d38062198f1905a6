package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManager;

/**
 * Told of every transition of a pending request that a waiting agent could see (everything but an
 * admitted poll), so that its held polls are woken (issue 15). {@link PendingRequests} calls {@link
 * #inTransaction} inside the transition's transaction (PostgreSQL: {@code NOTIFY}, which the
 * database delivers to every instance only if the transaction commits) and {@link #committed} once
 * it returned (this instance's held polls). The Person Server provides it; without one, nothing is
 * told and held polls rely on their safety re-check.
 */
public interface PendingRequestChanges {

    /** Tells no one. */
    PendingRequestChanges NONE = id -> {};

    /**
     * Inside the transaction that changed request {@code id}; a failure here fails the transition.
     */
    default void inTransaction(EntityManager em, String id) {}

    /** After the transition that changed request {@code id} returned (committed). */
    void committed(String id);
}
