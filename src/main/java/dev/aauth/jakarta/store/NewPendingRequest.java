package dev.aauth.jakarta.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link PendingRequests#create} stores.
 *
 * @param agentId the requesting agent ({@code aauth:local@domain})
 * @param agentJkt thumbprint of the key the request was signed with
 * @param resourceToken the resource token as received
 * @param upstreamToken call chaining: the upstream auth token, or {@code null}
 * @param resource the resource token's {@code iss}
 * @param scopes the scopes asked for
 * @param justification the agent's justification (Markdown, untrusted), or {@code null}
 * @param platform optional context shown to the person, or {@code null}
 * @param device optional context shown to the person, or {@code null}
 * @param personId the person who decides when already known (the agent's person), or {@code null}
 * @param withInteractionCode whether to issue an interaction code ({@code requirement=interaction})
 * @param lifetime how long the request stays open
 * @param pollInterval the {@code Retry-After} interval: the first poll allowed after it
 */
public record NewPendingRequest(
        String agentId,
        String agentJkt,
        String resourceToken,
        String upstreamToken,
        String resource,
        Set<String> scopes,
        String justification,
        String platform,
        String device,
        String personId,
        boolean withInteractionCode,
        Duration lifetime,
        Duration pollInterval) {

    public NewPendingRequest {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentJkt, "agentJkt");
        Objects.requireNonNull(resourceToken, "resourceToken");
        Objects.requireNonNull(resource, "resource");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative");
        }
    }
}
