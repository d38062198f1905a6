package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.NewPendingRequest;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.RequestStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The Person Server's deferred responses ("Deferred Responses", "Interaction Required"), plain Java
 * over {@link PendingRequests}:
 * <ul>
 *   <li>{@link #defer}: the person must be asked, so the request is stored and answered {@code 202}
 *       with an interaction code;</li>
 *   <li>{@link #poll}: the agent's {@code GET} on the pending URL: {@code 202} while pending or
 *       interacting, then exactly one terminal answer ({@code 200} with the token once, {@code 403}
 *       {@code denied}/{@code abandoned}, {@code 408 expired}), afterwards {@code 410 invalid_code};
 *       faster than {@code Retry-After}, {@code 429 slow_down};</li>
 *   <li>{@link #cancel}: the agent's {@code DELETE}.</li>
 * </ul>
 * "Servers MUST verify the agent's identity on every poll": a request is found only for the agent
 * that made it; any other caller gets exactly the answer for an unknown id ({@code 410
 * invalid_code}, "Interaction code not recognized or already consumed"). Thread-safe: every
 * transition is one atomic update in the store, so racing polls, approvals and cancellations give one
 * outcome and at most one token.
 */
public final class DeferredResponses {

    /** The pending URLs: {@code {issuer}/aauth/pending/{id}}. */
    public static final String PATH = "aauth/pending";

    /** A token minted for an approved request: the answer and its record for {@code issued_tokens}. */
    public record Minted(TokenResponse.Granted granted, IssuedToken record) {
    }

    /** What a poll that is not an error answers. */
    public sealed interface PollAnswer {
    }

    /** {@code 202 {"status": ...}}: still waiting ({@code pending} or {@code interacting}). */
    public record Waiting(String status, long retryAfter) implements PollAnswer {
    }

    /** {@code 200} with the auth token: the one terminal answer of an approved request. */
    public record Token(TokenResponse.Granted granted) implements PollAnswer {
    }

    private final PendingRequests pending;
    private final StorePersonIds persons;
    private final Duration lifetime;
    private final Duration retryAfter;

    public DeferredResponses(PendingRequests pending, Persons persons, Duration lifetime, Duration retryAfter) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.persons = new StorePersonIds(persons);
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * Stores the request (its id is 128 random bits: "Pending URLs MUST be unguessable and SHOULD have
     * limited lifetime") with an interaction code, and answers {@code 202}.
     *
     * @param person the person the agent belongs to (who decides), or null when the code's redeemer will
     */
    public TokenResponse.Pending defer(String agent, String agentJkt, String resourceToken, String upstreamToken,
                                       String resource, List<String> scopes, TokenRequest request, String person) {
        String personId = person == null ? null : persons.ensure(person);
        PendingRequests.Created created = pending.create(new NewPendingRequest(agent, agentJkt, resourceToken,
                upstreamToken, resource, Set.copyOf(scopes), request.justification(), request.platform(),
                request.device(), personId, true, lifetime, retryAfter));
        String code = created.code().orElseThrow(() -> new IllegalStateException("no interaction code")).display();
        return new TokenResponse.Pending(created.request().id(), code, retryAfter.toSeconds());
    }

    /**
     * The agent polls. The terminal answers are given once: "Once a terminal response is returned,
     * the pending URL MUST return 410 Gone."
     *
     * @param mint mints the auth token of an approved request for the polling agent (its current key)
     */
    public PollAnswer poll(String id, String agent, Function<PendingRequest, Minted> mint) {
        PendingRequest request = pending.findForAgent(id, agent).orElseThrow(DeferredResponses::gone);
        if (request.answeredAt().isPresent()) {
            throw gone();
        }
        pending.expireIfDue(id);
        switch (pending.admitPoll(id, agent, retryAfter)) {
            case SLOW_DOWN -> throw new AAuthException(AAuthError.SLOW_DOWN,
                    "polling too frequently: wait " + retryAfter.toSeconds() + " s between polls");
            case UNKNOWN -> throw gone();
            case ADMITTED -> {
            }
        }
        request = pending.findForAgent(id, agent).orElseThrow(DeferredResponses::gone);
        RequestStatus status = request.status();
        return switch (status) {
            case PENDING, INTERACTING -> new Waiting(status.value(), retryAfter.toSeconds());
            case APPROVED -> {
                Minted minted = mint.apply(request);
                if (!pending.markRedeemed(id, agent, minted.record())) {
                    throw gone(); // another poll won (its token is the one), or the agent cancelled
                }
                yield new Token(minted.granted());
            }
            case DENIED -> throw terminal(id, agent, status, AAuthError.DENIED, "the person denied the request");
            case ABANDONED -> throw terminal(id, agent, status, AAuthError.ABANDONED,
                    "the interaction code was used but the person did not complete");
            case EXPIRED -> throw terminal(id, agent, status, AAuthError.EXPIRED, "the request timed out");
            case CANCELLED, REDEEMED -> throw gone();
        };
    }

    /** The agent withdraws its request ({@code DELETE}); an unknown, foreign or answered one is {@code 410}. */
    public void cancel(String id, String agent) {
        if (!pending.cancel(id, agent)) {
            throw gone();
        }
    }

    private AAuthException terminal(String id, String agent, RequestStatus status, AAuthError error, String detail) {
        return pending.deliverTerminal(id, agent, status) ? new AAuthException(error, detail) : gone();
    }

    /** The username of a stored person id. */
    java.util.Optional<String> usernameOf(String personId) {
        return persons.usernameOf(personId);
    }

    /** One answer for unknown ids, other agents' requests and answered ones. */
    static AAuthException gone() {
        return new AAuthException(AAuthError.INVALID_CODE, "the pending request is not recognized or already answered");
    }
}
