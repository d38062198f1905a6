package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A remembered consent: a person let an agent have these scopes at a resource (table {@code
 * consents}).
 */
@Entity(name = "Consent")
@Table(name = "consents")
public class Consent {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "person_id", nullable = false)
    private String personId;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "resource", nullable = false)
    private String resource;

    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected Consent() {}

    Consent(
            String id,
            String personId,
            String agentId,
            String resource,
            String scopes,
            Instant createdAt) {
        this.id = id;
        this.personId = personId;
        this.agentId = agentId;
        this.resource = resource;
        this.scopes = scopes;
        this.createdAt = DbTime.of(createdAt);
    }

    public String id() {
        return id;
    }

    public String personId() {
        return personId;
    }

    public String agentId() {
        return agentId;
    }

    /** The resource's server identifier. */
    public String resource() {
        return resource;
    }

    public Set<String> scopes() {
        return CanonicalScopes.parse(scopes);
    }

    public Instant createdAt() {
        return DbTime.instant(createdAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(DbTime.instant(revokedAt));
    }

    public boolean isActive() {
        return revokedAt == null;
    }
}
