package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.NewPendingRequest;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.RequestStatus;
import dev.aauth.personserver.PendingRequestStore;
import dev.aauth.personserver.PendingRequestView;
import dev.aauth.personserver.PendingStatus;
import dev.aauth.personserver.PersonTokenConsent;
import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The core's {@link PendingRequestStore} over the database ({@link PendingRequests}): maps the
 * entity to a {@link PendingRequestView} and the core's {@link PendingStatus} to the store's {@link
 * RequestStatus} (same names), so the core never sees JPA.
 */
public final class StorePendingRequests implements PendingRequestStore {

    private final PendingRequests pending;

    public StorePendingRequests(PendingRequests pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    /** The core's view of a stored request. */
    public static PendingRequestView view(PendingRequest r) {
        return new PendingRequestView(
                r.id(),
                r.agentId(),
                r.agentJkt(),
                r.resourceToken(),
                r.upstreamToken().orElse(null),
                r.resource(),
                r.scopes(),
                r.justification().orElse(null),
                r.personId().orElse(null),
                status(r.status()),
                r.clarification().orElse(null),
                r.clarificationResponse().orElse(null),
                r.expiresAt(),
                r.nextPollAllowedAt().orElse(null),
                r.answeredAt().orElse(null));
    }

    static PendingStatus status(RequestStatus status) {
        return PendingStatus.valueOf(status.name());
    }

    static RequestStatus status(PendingStatus status) {
        return RequestStatus.valueOf(status.name());
    }

    @Override
    public Created create(NewRequest r) {
        PendingRequests.Created created =
                pending.create(
                        new NewPendingRequest(
                                r.agent(),
                                r.agentJkt(),
                                r.resourceToken(),
                                r.upstreamToken(),
                                r.resource(),
                                r.scopes(),
                                r.justification(),
                                r.platform(),
                                r.device(),
                                r.personId(),
                                true,
                                r.lifetime(),
                                r.pollInterval()));
        String code =
                created.code()
                        .orElseThrow(() -> new IllegalStateException("no interaction code"))
                        .display();
        return new Created(view(created.request()), code);
    }

    @Override
    public long countOpen(String agent) {
        return pending.countOpen(agent);
    }

    @Override
    public long countOpenForPerson(String personId) {
        return pending.countOpenForPerson(personId);
    }

    @Override
    public Optional<PendingRequestView> findForAgent(String id, String agent) {
        return pending.findForAgent(id, agent).map(StorePendingRequests::view);
    }

    @Override
    public boolean expireIfDue(String id) {
        return pending.expireIfDue(id);
    }

    @Override
    public PollAdmission admitPoll(String id, String agent, Duration interval) {
        return PollAdmission.valueOf(pending.admitPoll(id, agent, interval).name());
    }

    @Override
    public boolean markRedeemed(String id, String agent, RedeemedToken token) {
        if (PersonTokenConsent.isPersonToken(token.scopes())) {
            // a -11 person token: retained in person_tokens when minted, never an auth token
            return pending.markRedeemed(id, agent, token.jti(), null);
        }
        return pending.markRedeemed(
                id,
                agent,
                new IssuedToken(
                        token.jti(),
                        token.issuer(),
                        TokenType.AUTH,
                        token.agent(),
                        token.resource(),
                        token.personId(),
                        token.scopes(),
                        token.issuedAt(),
                        token.expiresAt()));
    }

    @Override
    public boolean deliverTerminal(String id, String agent, PendingStatus status) {
        return pending.deliverTerminal(id, agent, status(status));
    }

    @Override
    public boolean answerClarification(String id, String agent, String response) {
        return pending.answerClarification(id, agent, response);
    }

    @Override
    public boolean replaceResourceToken(
            String id,
            String agent,
            String resourceToken,
            String resource,
            Set<String> scopes,
            String justification) {
        return pending.replaceResourceToken(
                id, agent, resourceToken, resource, scopes, justification);
    }

    @Override
    public boolean denyByPolicy(String id, String agent, String reason) {
        return pending.denyByPolicy(id, agent, reason);
    }

    @Override
    public boolean cancel(String id, String agent) {
        return pending.cancel(id, agent);
    }
}
