package dev.aauth.personserver;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PendingRequestStore} in memory, with the person's side of a request (code redemption,
 * approval, denial, abandonment, a question): for the core's unit tests and a single instance
 * without a database. The transitions are those of the database adapter, each under one lock.
 */
public final class InMemoryPendingRequests implements PendingRequestStore {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, PendingRequestView> requests = new HashMap<>();
    private final Map<String, String> idByCode = new HashMap<>();
    private final Map<String, RedeemedToken> redeemed = new HashMap<>();

    public InMemoryPendingRequests(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Created create(NewRequest r) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        String code;
        do {
            StringBuilder c = new StringBuilder(9);
            for (int i = 0; i < 8; i++) {
                if (i == 4) {
                    c.append('-');
                }
                c.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            code = c.toString();
        } while (idByCode.containsKey(code));
        Instant now = clock.instant();
        PendingRequestView stored =
                new PendingRequestView(
                        id,
                        r.agent(),
                        r.agentJkt(),
                        r.resourceToken(),
                        r.upstreamToken(),
                        r.resource(),
                        r.scopes(),
                        r.justification(),
                        r.personId(),
                        PendingStatus.PENDING,
                        null,
                        null,
                        now.plus(r.lifetime()),
                        now.plus(r.pollInterval()),
                        null);
        requests.put(id, stored);
        idByCode.put(code, id);
        return new Created(stored, code);
    }

    @Override
    public synchronized long countOpen(String agent) {
        Instant now = clock.instant();
        return requests.values().stream()
                .filter(r -> r.agent().equals(agent) && r.status().isOpen() && !r.isExpiredAt(now))
                .count();
    }

    @Override
    public synchronized long countOpenForPerson(String personId) {
        Instant now = clock.instant();
        return requests.values().stream()
                .filter(
                        r ->
                                personId.equals(r.personId())
                                        && r.status().isOpen()
                                        && !r.isExpiredAt(now))
                .count();
    }

    @Override
    public synchronized Optional<PendingRequestView> findForAgent(String id, String agent) {
        return Optional.ofNullable(requests.get(id)).filter(r -> r.agent().equals(agent));
    }

    /** The request with this id, whoever made it. */
    public synchronized Optional<PendingRequestView> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized boolean expireIfDue(String id) {
        PendingRequestView r = requests.get(id);
        if (r == null || !r.isExpiredAt(clock.instant())) {
            return false;
        }
        return switch (r.status()) {
            case PENDING -> put(status(r, PendingStatus.EXPIRED));
            case INTERACTING -> put(status(r, PendingStatus.ABANDONED));
            default -> false;
        };
    }

    @Override
    public synchronized PollAdmission admitPoll(String id, String agent, Duration interval) {
        PendingRequestView r = requests.get(id);
        if (r == null || !r.agent().equals(agent)) {
            return PollAdmission.UNKNOWN;
        }
        Instant now = clock.instant();
        if (r.nextPollAllowedAt() != null && r.nextPollAllowedAt().isAfter(now)) {
            return PollAdmission.SLOW_DOWN;
        }
        put(with(r, r.status(), r.clarification(), r.clarificationResponse(), now.plus(interval)));
        return PollAdmission.ADMITTED;
    }

    @Override
    public synchronized boolean markRedeemed(String id, String agent, RedeemedToken token) {
        Objects.requireNonNull(token, "token");
        PendingRequestView r = requests.get(id);
        if (r == null || !r.agent().equals(agent) || r.status() != PendingStatus.APPROVED) {
            return false;
        }
        redeemed.put(id, token);
        return put(answered(status(r, PendingStatus.REDEEMED)));
    }

    /** The token recorded when the request was redeemed. */
    public synchronized Optional<RedeemedToken> redeemedToken(String id) {
        return Optional.ofNullable(redeemed.get(id));
    }

    @Override
    public synchronized boolean deliverTerminal(String id, String agent, PendingStatus status) {
        if (status != PendingStatus.DENIED
                && status != PendingStatus.ABANDONED
                && status != PendingStatus.EXPIRED) {
            throw new IllegalArgumentException("not answered by deliverTerminal: " + status);
        }
        PendingRequestView r = requests.get(id);
        if (r == null || !r.agent().equals(agent) || r.status() != status || r.isAnswered()) {
            return false;
        }
        return put(answered(r));
    }

    @Override
    public synchronized boolean answerClarification(String id, String agent, String response) {
        Objects.requireNonNull(response, "response");
        PendingRequestView r = requests.get(id);
        if (r == null
                || !r.agent().equals(agent)
                || !r.status().isOpen()
                || !r.awaitsClarificationResponse()) {
            return false;
        }
        return put(with(r, r.status(), r.clarification(), response, r.nextPollAllowedAt()));
    }

    @Override
    public synchronized boolean replaceResourceToken(
            String id,
            String agent,
            String resourceToken,
            String resource,
            Set<String> scopes,
            String justification) {
        PendingRequestView r = requests.get(id);
        if (r == null
                || !r.agent().equals(agent)
                || !r.status().isOpen()
                || r.isExpiredAt(clock.instant())) {
            return false;
        }
        return put(
                new PendingRequestView(
                        r.id(),
                        r.agent(),
                        r.agentJkt(),
                        resourceToken,
                        r.upstreamToken(),
                        resource,
                        scopes,
                        justification == null ? r.justification() : justification,
                        r.personId(),
                        r.status(),
                        null,
                        null,
                        r.expiresAt(),
                        r.nextPollAllowedAt(),
                        r.answeredAt()));
    }

    @Override
    public synchronized boolean denyByPolicy(String id, String agent, String reason) {
        Objects.requireNonNull(reason, "reason");
        PendingRequestView r = requests.get(id);
        if (r == null || !r.agent().equals(agent) || !r.status().isOpen()) {
            return false;
        }
        return put(answered(status(r, PendingStatus.DENIED)));
    }

    @Override
    public synchronized boolean cancel(String id, String agent) {
        PendingRequestView r = requests.get(id);
        if (r == null
                || !r.agent().equals(agent)
                || !(r.status().isOpen() || r.status() == PendingStatus.APPROVED)) {
            return false;
        }
        return put(answered(status(r, PendingStatus.CANCELLED)));
    }

    /**
     * The person arrives with the code: a {@code pending} request, not expired, bound to nobody
     * else, becomes {@code interacting}, bound to them. Empty when that did not happen.
     */
    public synchronized Optional<PendingRequestView> redeemCode(String code, String personId) {
        String id = idByCode.get(code);
        PendingRequestView r = id == null ? null : requests.get(id);
        if (r == null
                || r.status() != PendingStatus.PENDING
                || r.isExpiredAt(clock.instant())
                || (r.personId() != null && !r.personId().equals(personId))) {
            return Optional.empty();
        }
        PendingRequestView bound =
                new PendingRequestView(
                        r.id(),
                        r.agent(),
                        r.agentJkt(),
                        r.resourceToken(),
                        r.upstreamToken(),
                        r.resource(),
                        r.scopes(),
                        r.justification(),
                        personId,
                        PendingStatus.INTERACTING,
                        r.clarification(),
                        r.clarificationResponse(),
                        r.expiresAt(),
                        r.nextPollAllowedAt(),
                        r.answeredAt());
        put(bound);
        return Optional.of(bound);
    }

    /** The person approves their open request. */
    public boolean approve(String id, String personId) {
        return decide(id, personId, PendingStatus.APPROVED);
    }

    /** The person denies their open request. */
    public boolean deny(String id, String personId) {
        return decide(id, personId, PendingStatus.DENIED);
    }

    /** The person left without deciding. */
    public synchronized boolean abandon(String id, String personId) {
        PendingRequestView r = requests.get(id);
        if (r == null
                || r.status() != PendingStatus.INTERACTING
                || !personId.equals(r.personId())) {
            return false;
        }
        return put(status(r, PendingStatus.ABANDONED));
    }

    /** The person asks the agent a question (one open at a time). */
    public synchronized boolean askClarification(String id, String personId, String question) {
        PendingRequestView r = requests.get(id);
        if (r == null
                || r.status() != PendingStatus.INTERACTING
                || !personId.equals(r.personId())
                || r.isExpiredAt(clock.instant())
                || r.awaitsClarificationResponse()) {
            return false;
        }
        return put(with(r, r.status(), question, null, r.nextPollAllowedAt()));
    }

    private synchronized boolean decide(String id, String personId, PendingStatus to) {
        PendingRequestView r = requests.get(id);
        if (r == null
                || !r.status().isOpen()
                || !personId.equals(r.personId())
                || r.isExpiredAt(clock.instant())) {
            return false;
        }
        return put(status(r, to));
    }

    private boolean put(PendingRequestView r) {
        requests.put(r.id(), r);
        return true;
    }

    private static PendingRequestView status(PendingRequestView r, PendingStatus to) {
        return with(r, to, r.clarification(), r.clarificationResponse(), r.nextPollAllowedAt());
    }

    private PendingRequestView answered(PendingRequestView r) {
        return new PendingRequestView(
                r.id(),
                r.agent(),
                r.agentJkt(),
                r.resourceToken(),
                r.upstreamToken(),
                r.resource(),
                r.scopes(),
                r.justification(),
                r.personId(),
                r.status(),
                r.clarification(),
                r.clarificationResponse(),
                r.expiresAt(),
                r.nextPollAllowedAt(),
                clock.instant());
    }

    private static PendingRequestView with(
            PendingRequestView r,
            PendingStatus status,
            String clarification,
            String clarificationResponse,
            Instant nextPoll) {
        return new PendingRequestView(
                r.id(),
                r.agent(),
                r.agentJkt(),
                r.resourceToken(),
                r.upstreamToken(),
                r.resource(),
                r.scopes(),
                r.justification(),
                r.personId(),
                status,
                clarification,
                clarificationResponse,
                r.expiresAt(),
                nextPoll,
                r.answeredAt());
    }
}
