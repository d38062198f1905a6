package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A deferred token request (table {@code pending_requests}): what the agent asked for, where it is
 * in its lifecycle, who may act on it, and the polling bookkeeping. Read-only outside the store;
 * every change goes through a conditional update in {@link PendingRequests}.
 */
@Entity(name = "PendingRequest")
@Table(name = "pending_requests")
public class PendingRequest {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "agent_jkt", nullable = false)
    private String agentJkt;

    @Column(name = "resource_token", nullable = false)
    private String resourceToken;

    @Column(name = "upstream_token")
    private String upstreamToken;

    @Column(name = "resource", nullable = false)
    private String resource;

    @Column(name = "scopes", nullable = false)
    private String scopes;

    @Column(name = "justification")
    private String justification;

    @Column(name = "platform")
    private String platform;

    @Column(name = "device")
    private String device;

    @Convert(converter = RequestStatus.ColumnConverter.class)
    @Column(name = "status", nullable = false)
    private RequestStatus status;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "person_id")
    private String personId;

    @Column(name = "clarification")
    private String clarification;

    @Column(name = "clarification_response")
    private String clarificationResponse;

    @Column(name = "clarification_rounds", nullable = false)
    private int clarificationRounds;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "last_polled_at")
    private OffsetDateTime lastPolledAt;

    @Column(name = "next_poll_allowed_at")
    private OffsetDateTime nextPollAllowedAt;

    @Column(name = "answered_at")
    private OffsetDateTime answeredAt;

    @Column(name = "issued_jti")
    private String issuedJti;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected PendingRequest() {}

    PendingRequest(String id, NewPendingRequest request, String codeHash, Instant now) {
        this.id = id;
        this.agentId = request.agentId();
        this.agentJkt = request.agentJkt();
        this.resourceToken = request.resourceToken();
        this.upstreamToken = request.upstreamToken();
        this.resource = request.resource();
        this.scopes = CanonicalScopes.of(request.scopes());
        this.justification = request.justification();
        this.platform = request.platform();
        this.device = request.device();
        this.status = RequestStatus.PENDING;
        this.codeHash = codeHash;
        this.personId = request.personId();
        this.createdAt = DbTime.of(now);
        this.expiresAt = DbTime.of(now.plus(request.lifetime()));
        this.nextPollAllowedAt = DbTime.of(now.plus(request.pollInterval()));
    }

    /** The last segment of the pending URL: 128 random bits, base64url. */
    public String id() {
        return id;
    }

    /** The agent that made the request; the only one that may poll, answer or cancel it. */
    public String agentId() {
        return agentId;
    }

    /** The JWK thumbprint of the key the agent signed the request with. */
    public String agentJkt() {
        return agentJkt;
    }

    /** The resource token as received (compact JWS). */
    public String resourceToken() {
        return resourceToken;
    }

    /** For call chaining: the auth token the calling resource presented. */
    public Optional<String> upstreamToken() {
        return Optional.ofNullable(upstreamToken);
    }

    /** The resource's server identifier (the resource token's {@code iss}). */
    public String resource() {
        return resource;
    }

    /** The scopes asked for (the resource token's {@code scope}). */
    public Set<String> scopes() {
        return CanonicalScopes.parse(scopes);
    }

    public Optional<String> justification() {
        return Optional.ofNullable(justification);
    }

    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    public Optional<String> device() {
        return Optional.ofNullable(device);
    }

    public RequestStatus status() {
        return status;
    }

    /** Whether the request was created with an interaction code (the code itself is not kept). */
    public boolean hasInteractionCode() {
        return codeHash != null;
    }

    /** The person who may decide: bound at creation, or by redeeming the interaction code. */
    public Optional<String> personId() {
        return Optional.ofNullable(personId);
    }

    /** The person's open or last question to the agent. */
    public Optional<String> clarification() {
        return Optional.ofNullable(clarification);
    }

    /** The agent's answer to {@link #clarification()}; empty while the question is open. */
    public Optional<String> clarificationResponse() {
        return Optional.ofNullable(clarificationResponse);
    }

    /** True while a question waits for the agent's answer. */
    public boolean awaitsClarificationResponse() {
        return clarification != null && clarificationResponse == null;
    }

    public int clarificationRounds() {
        return clarificationRounds;
    }

    public Instant createdAt() {
        return DbTime.instant(createdAt);
    }

    public Instant expiresAt() {
        return DbTime.instant(expiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    public Optional<Instant> lastPolledAt() {
        return Optional.ofNullable(DbTime.instant(lastPolledAt));
    }

    public Optional<Instant> nextPollAllowedAt() {
        return Optional.ofNullable(DbTime.instant(nextPollAllowedAt));
    }

    /** When the one terminal answer went to the agent; afterwards the pending URL answers 410. */
    public Optional<Instant> answeredAt() {
        return Optional.ofNullable(DbTime.instant(answeredAt));
    }

    /** The {@code jti} of the token issued for this request, once redeemed. */
    public Optional<String> issuedJti() {
        return Optional.ofNullable(issuedJti);
    }

    /** Incremented by every change. */
    public long version() {
        return version;
    }
}
