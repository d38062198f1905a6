package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** An agent and the one person it belongs to (table {@code agent_bindings}). */
@Entity(name = "AgentBinding")
@Table(name = "agent_bindings")
public class AgentBinding {

    @Id
    @Column(name = "agent_id")
    private String agentId;

    @Column(name = "person_id", nullable = false)
    private String personId;

    @Convert(converter = BoundBy.ColumnConverter.class)
    @Column(name = "bound_by", nullable = false)
    private BoundBy boundBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected AgentBinding() {}

    /** The agent identifier ({@code aauth:local@domain}). */
    public String agentId() {
        return agentId;
    }

    public String personId() {
        return personId;
    }

    public BoundBy boundBy() {
        return boundBy;
    }

    public Instant createdAt() {
        return DbTime.instant(createdAt);
    }
}
