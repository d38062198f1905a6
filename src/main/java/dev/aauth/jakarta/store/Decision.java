package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/** One authorization decision and its reason (table {@code decisions}). */
@Entity(name = "Decision")
@Table(name = "decisions")
public class Decision {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "person_id")
    private String personId;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "resource", nullable = false)
    private String resource;

    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Convert(converter = DecisionOutcome.ColumnConverter.class)
    @Column(name = "outcome", nullable = false)
    private DecisionOutcome outcome;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "decided_at", nullable = false)
    private OffsetDateTime decidedAt;

    protected Decision() {}

    Decision(
            String id,
            String requestId,
            String personId,
            String agentId,
            String resource,
            String scopes,
            DecisionOutcome outcome,
            String reason,
            Instant decidedAt) {
        this.id = id;
        this.requestId = requestId;
        this.personId = personId;
        this.agentId = agentId;
        this.resource = resource;
        this.scopes = scopes;
        this.outcome = outcome;
        this.reason = reason;
        this.decidedAt = DbTime.of(decidedAt);
    }

    public String id() {
        return id;
    }

    /** The pending request decided on; empty for a direct grant or refusal. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public Optional<String> personId() {
        return Optional.ofNullable(personId);
    }

    public String agentId() {
        return agentId;
    }

    public String resource() {
        return resource;
    }

    public Set<String> scopes() {
        return CanonicalScopes.parse(scopes);
    }

    public DecisionOutcome outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public Instant decidedAt() {
        return DbTime.instant(decidedAt);
    }
}
