package dev.aauth.personserver;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The deferred requests as {@link DeferredResponses} needs them (the port; the database adapter is
 * on the Jakarta side, {@link InMemoryPendingRequests} is for tests and a single instance). Every
 * transition is one atomic step: it happens for exactly one caller and answers whether it did, so
 * that racing polls, approvals and cancellations give one outcome.
 */
public interface PendingRequestStore {

    /**
     * A request to store.
     *
     * @param upstreamToken the {@code upstream_token} (call chaining), or null
     * @param personId who decides (the agent's person), or null when the code's redeemer will
     * @param pollInterval the {@code Retry-After}: the first poll is admitted after it
     */
    record NewRequest(
            String agent,
            String agentJkt,
            String resourceToken,
            String upstreamToken,
            String resource,
            Set<String> scopes,
            String justification,
            String platform,
            String device,
            String personId,
            Duration lifetime,
            Duration pollInterval) {
        public NewRequest {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(agentJkt, "agentJkt");
            Objects.requireNonNull(resourceToken, "resourceToken");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(pollInterval, "pollInterval");
            scopes = Set.copyOf(scopes);
        }
    }

    /** A stored request and its interaction code as shown to people ({@code XXXX-XXXX}). */
    record Created(PendingRequestView request, String code) {}

    /** The outcome of {@link #admitPoll}. */
    enum PollAdmission {
        /** Poll accepted; the next one is allowed after the interval. */
        ADMITTED,
        /** Polled before the interval was over: {@code 429 slow_down}. */
        SLOW_DOWN,
        /** No such request for this agent: answered exactly as an unknown id. */
        UNKNOWN
    }

    /** The auth token handed out for an approved request, recorded with its redemption. */
    record RedeemedToken(
            String jti,
            String issuer,
            String agent,
            String resource,
            String personId,
            Set<String> scopes,
            Instant issuedAt,
            Instant expiresAt) {
        public RedeemedToken {
            scopes = Set.copyOf(scopes);
        }
    }

    /**
     * Stores a new {@code pending} request under a fresh unguessable id, with an interaction code.
     */
    Created create(NewRequest request);

    /** How many requests of the agent are open and not expired (the per-agent cap). */
    long countOpen(String agent);

    /** How many requests bound to the person are open and not expired (the per-person cap). */
    long countOpenForPerson(String personId);

    /** The request with this id, if it was made by {@code agent}. */
    Optional<PendingRequestView> findForAgent(String id, String agent);

    /** Ends the request if its lifetime is over: pending becomes expired, interacting abandoned. */
    boolean expireIfDue(String id);

    /** Counts a poll of the agent's request if the interval since the last one is over. */
    PollAdmission admitPoll(String id, String agent, Duration interval);

    /**
     * An approved request becomes redeemed, with the token recorded; false if it was not approved.
     */
    boolean markRedeemed(String id, String agent, RedeemedToken token);

    /**
     * Records that the one terminal answer ({@code denied}, {@code abandoned} or {@code expired})
     * was given; false if it already was or the request is in another state.
     */
    boolean deliverTerminal(String id, String agent, PendingStatus status);

    /** The agent's answer to the open question; false without one. */
    boolean answerClarification(String id, String agent, String response);

    /**
     * An "Updated request": the new resource token (verified by the caller), its resource and
     * scopes, and, when given, a new justification; the open question is dropped. False unless
     * open.
     */
    boolean replaceResourceToken(
            String id,
            String agent,
            String resourceToken,
            String resource,
            Set<String> scopes,
            String justification);

    /** The policy refuses an updated request: denied and answered at once; false unless open. */
    boolean denyByPolicy(String id, String agent, String reason);

    /** The agent withdraws its request (open or approved); false otherwise. */
    boolean cancel(String id, String agent);
}
