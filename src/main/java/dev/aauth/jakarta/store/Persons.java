package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** The persons the Person Server acts for. */
@ApplicationScoped
public class Persons {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public Persons(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected Persons() {
        this.transactions = null;
        this.clock = null;
    }

    /**
     * Adds a person; empty when the username is taken. Settled by the unique constraint on {@code
     * username} ({@code INSERT ... ON CONFLICT DO NOTHING}): of concurrent creations of one
     * username exactly one succeeds.
     */
    public Optional<Person> create(String username, String displayName, String email) {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        String id = Ids.uuid();
        return transactions.required(
                em -> {
                    int inserted =
                            em.createNativeQuery(
                                            "INSERT INTO persons (id, username, display_name, email, created_at)"
                                                    + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                                    .setParameter(1, id)
                                    .setParameter(2, username)
                                    .setParameter(3, displayName)
                                    .setParameter(4, email)
                                    .setParameter(5, DbTime.of(clock.instant()))
                                    .executeUpdate();
                    return inserted == 1
                            ? Optional.of(em.find(Person.class, id))
                            : Optional.empty();
                });
    }

    public Optional<Person> find(String id) {
        return transactions.required(em -> Optional.ofNullable(em.find(Person.class, id)));
    }

    public Optional<Person> findByUsername(String username) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT p FROM Person p WHERE p.username = :username",
                                        Person.class)
                                .setParameter("username", username)
                                .getResultStream()
                                .findFirst());
    }

    /** Sets the stored password hash (computed by the login code); false for an unknown person. */
    public boolean setPasswordHash(String id, String passwordHash) {
        return transactions.required(
                em ->
                        em.createQuery(
                                                "UPDATE Person p SET p.passwordHash = :hash WHERE p.id = :id")
                                        .setParameter("hash", passwordHash)
                                        .setParameter("id", id)
                                        .executeUpdate()
                                == 1);
    }
}
