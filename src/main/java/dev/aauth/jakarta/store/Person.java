package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A person the Person Server acts for (table {@code persons}). Read-only outside the store. */
@Entity(name = "Person")
@Table(name = "persons")
public class Person {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "email")
    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Person() {}

    public String id() {
        return id;
    }

    /** Unique among persons. */
    public String username() {
        return username;
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The stored password hash (format chosen by the login code); empty when none was set. */
    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    public Instant createdAt() {
        return DbTime.instant(createdAt);
    }
}
