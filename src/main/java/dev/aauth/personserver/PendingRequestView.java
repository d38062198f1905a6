package dev.aauth.personserver;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the Person Server's logic sees of a stored deferred request: a value, read from the store by
 * its adapter (the core never sees the entity).
 *
 * @param id the pending URL's id (128 random bits)
 * @param agent the agent that made the request
 * @param agentJkt the thumbprint of the key the request is bound to (the resource token's {@code
 *     agent_jkt})
 * @param upstreamToken the {@code upstream_token} of a call-chaining request, or null
 * @param personId the id of the person who decides (once known), or null
 * @param clarification the person's open or last question, or null
 * @param clarificationResponse the agent's answer to it, or null
 * @param nextPollAllowedAt when the agent may poll next, or null
 * @param answeredAt when the one terminal answer was given, or null while none was
 */
public record PendingRequestView(
        String id,
        String agent,
        String agentJkt,
        String resourceToken,
        String upstreamToken,
        String resource,
        Set<String> scopes,
        String justification,
        String personId,
        PendingStatus status,
        String clarification,
        String clarificationResponse,
        Instant expiresAt,
        Instant nextPollAllowedAt,
        Instant answeredAt) {

    public PendingRequestView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentJkt, "agentJkt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }

    public Optional<String> upstream() {
        return Optional.ofNullable(upstreamToken);
    }

    public Optional<String> person() {
        return Optional.ofNullable(personId);
    }

    public Optional<Instant> nextPoll() {
        return Optional.ofNullable(nextPollAllowedAt);
    }

    public boolean isAnswered() {
        return answeredAt != null;
    }

    /** True while a question of the person waits for the agent's answer. */
    public boolean awaitsClarificationResponse() {
        return clarification != null && clarificationResponse == null;
    }

    /** True once the request's lifetime is over. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
