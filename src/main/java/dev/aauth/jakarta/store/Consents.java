package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Remembered consents "per person, agent, resource and scopes", which let the Person Server answer
 * later requests with a direct grant.
 */
@ApplicationScoped
public class Consents {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public Consents(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected Consents() {
        this.transactions = null;
        this.clock = null;
    }

    /** Remembers that the person let the agent have {@code scopes} at {@code resource}. */
    public Consent grant(String personId, String agentId, String resource, Set<String> scopes) {
        Consent consent =
                new Consent(
                        Ids.uuid(),
                        Objects.requireNonNull(personId, "personId"),
                        Objects.requireNonNull(agentId, "agentId"),
                        Objects.requireNonNull(resource, "resource"),
                        CanonicalScopes.of(scopes),
                        clock.instant());
        return transactions.required(
                em -> {
                    em.persist(consent);
                    em.flush();
                    return consent;
                });
    }

    /** The person's consents for this agent at this resource that are not revoked, oldest first. */
    public List<Consent> active(String personId, String agentId, String resource) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT c FROM Consent c WHERE c.personId = :person"
                                                + " AND c.agentId = :agent AND c.resource = :resource AND c.revokedAt IS NULL"
                                                + " ORDER BY c.createdAt, c.id",
                                        Consent.class)
                                .setParameter("person", personId)
                                .setParameter("agent", agentId)
                                .setParameter("resource", resource)
                                .getResultList());
    }

    /** Whether the active consents together cover every scope in {@code requested}. */
    public boolean covers(String personId, String agentId, String resource, Set<String> requested) {
        Set<String> granted = new HashSet<>();
        for (Consent consent : active(personId, agentId, resource)) {
            granted.addAll(consent.scopes());
        }
        return granted.containsAll(requested);
    }

    /** One consent by id, revoked or not. */
    public Optional<Consent> find(String consentId) {
        return transactions.required(em -> Optional.ofNullable(em.find(Consent.class, consentId)));
    }

    /** Every consent of a person that is not revoked, oldest first. */
    public List<Consent> activeForPerson(String personId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT c FROM Consent c WHERE c.personId = :person"
                                                + " AND c.revokedAt IS NULL ORDER BY c.createdAt, c.id",
                                        Consent.class)
                                .setParameter("person", personId)
                                .getResultList());
    }

    /** Revokes one consent of the person; false if it is not theirs or already revoked. */
    public boolean revoke(String consentId, String personId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                                "UPDATE Consent c SET c.revokedAt = :now"
                                                        + " WHERE c.id = :id AND c.personId = :person AND c.revokedAt IS NULL")
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .setParameter("id", consentId)
                                        .setParameter("person", personId)
                                        .executeUpdate()
                                == 1);
    }

    /** Revokes every consent the person gave the agent; returns how many. */
    public int revokeAll(String personId, String agentId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "UPDATE Consent c SET c.revokedAt = :now"
                                                + " WHERE c.personId = :person AND c.agentId = :agent AND c.revokedAt IS NULL")
                                .setParameter("now", DbTime.of(clock.instant()))
                                .setParameter("person", personId)
                                .setParameter("agent", agentId)
                                .executeUpdate());
    }
}
