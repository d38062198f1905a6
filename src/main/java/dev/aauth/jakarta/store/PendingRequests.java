package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Pending (deferred) token requests and every transition of their lifecycle.
 *
 * <p>Each transition is one conditional {@code UPDATE} of one row whose {@code WHERE} clause is the
 * transition's precondition; it returns {@code true} when this caller's update changed the row,
 * i.e. when it won. Of any number of concurrent callers racing on one request at most one wins, and
 * the transitions exclude each other: {@code approve}, {@code deny}, {@code cancel} and expiry all
 * start from an open state and leave it; {@link #markRedeemed} starts only from {@code approved}
 * and records the token in the same transaction, so a request yields at most one token.
 *
 * <pre>
 *   pending --redeemInteractionCode--> interacting
 *   pending|interacting --approve--> approved --markRedeemed--> redeemed (200 with the token, once)
 *   pending|interacting --deny--> denied            (403 once, then 410)
 *   interacting --abandon / expiry--> abandoned     (403 once, then 410)
 *   pending --expiry--> expired                     (408 once, then 410)
 *   pending|interacting|approved --cancel--> cancelled (the DELETE; then 410)
 * </pre>
 */
@ApplicationScoped
public class PendingRequests {

    /**
     * How many rounds of clarification the draft recommends at most ("recommended: 5 rounds
     * maximum").
     */
    public static final int MAX_CLARIFICATION_ROUNDS = 5;

    private static final Set<RequestStatus> CANCELLABLE =
            Set.of(RequestStatus.PENDING, RequestStatus.INTERACTING, RequestStatus.APPROVED);
    private static final Set<RequestStatus> ANSWERED_ONCE =
            Set.of(RequestStatus.DENIED, RequestStatus.ABANDONED, RequestStatus.EXPIRED);

    private final Transactions transactions;
    private final Clock clock;
    private PendingRequestChanges changes = PendingRequestChanges.NONE;

    @Inject
    public PendingRequests(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Who is told of the transitions a waiting agent could see (issue 15: held polls). */
    @Inject
    void changes(Instance<PendingRequestChanges> told) {
        if (told.isResolvable()) {
            this.changes = told.get();
        }
    }

    /** Outside a server (tests, tools): who is told of the transitions; {@code NONE} by default. */
    public PendingRequests tellingChanges(PendingRequestChanges told) {
        this.changes = Objects.requireNonNull(told, "told");
        return this;
    }

    /**
     * Runs a transition of request {@code id}; when it changed the row, tells {@link #changes}
     * inside its transaction and after it.
     */
    private boolean transition(String id, Function<EntityManager, Boolean> work) {
        boolean changed =
                transactions.required(
                        em -> {
                            boolean c = work.apply(em);
                            if (c) {
                                changes.inTransaction(em, id);
                            }
                            return c;
                        });
        if (changed) {
            changes.committed(id);
        }
        return changed;
    }

    /**
     * The change counter ({@code version}) and expiry of each of {@code ids} that exists: one query
     * for all (the safety re-check of held polls, issue 15); at most 10,000 ids.
     */
    public java.util.Map<String, Watched> watch(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return transactions.reading(
                em -> {
                    java.util.Map<String, Watched> found = new java.util.HashMap<>();
                    for (Object[] row :
                            em.createQuery(
                                            "SELECT r.id, r.version, r.expiresAt FROM PendingRequest r WHERE r.id IN :ids",
                                            Object[].class)
                                    .setParameter("ids", List.copyOf(ids))
                                    .getResultList()) {
                        found.put(
                                (String) row[0],
                                new Watched(
                                        ((Number) row[1]).longValue(),
                                        DbTime.instant((java.time.OffsetDateTime) row[2])));
                    }
                    return found;
                });
    }

    /** A request's change counter and expiry ({@link #watch}). */
    public record Watched(long version, Instant expiresAt) {}

    /** For the CDI client proxy only. */
    protected PendingRequests() {
        this.transactions = null;
        this.clock = null;
    }

    /** A stored request and, when one was asked for, its interaction code: the only copy of it. */
    public record Created(PendingRequest request, Optional<InteractionCode> code) {}

    /** Why a code redemption did or did not bind the request to the person. */
    public enum CodeOutcome {
        /** This caller won: the request is now {@code interacting}, bound to the person. */
        REDEEMED,
        /** No request has this code. */
        UNKNOWN,
        /** The code was already redeemed, or the request is no longer pending. */
        ALREADY_USED,
        /** The request's lifetime is over. */
        EXPIRED,
        /** The request is bound to another person (its agent belongs to someone else). */
        OTHER_PERSON
    }

    /** The result of {@link #redeemInteractionCode}; the request is present when it exists. */
    public record CodeRedemption(CodeOutcome outcome, Optional<PendingRequest> request) {
        public boolean won() {
            return outcome == CodeOutcome.REDEEMED;
        }
    }

    /** The result of {@link #admitPoll}. */
    public enum PollAdmission {
        /** Poll accepted; the next one is allowed after the interval. */
        ADMITTED,
        /** Polled before the interval was over: {@code 429 slow_down}. */
        SLOW_DOWN,
        /** No such request for this agent: answer exactly as for an unknown id. */
        UNKNOWN
    }

    /**
     * Stores a new {@code pending} request under a fresh 128-bit id and, if asked, a fresh
     * interaction code, of which only the hash is stored.
     */
    public Created create(NewPendingRequest request) {
        Objects.requireNonNull(request, "request");
        return transactions.required(
                em -> {
                    InteractionCode code = null;
                    String codeHash = null;
                    if (request.withInteractionCode()) {
                        // 40-bit codes: a collision with a stored hash is improbable; draw again if
                        // one happens.
                        for (int attempt = 0; codeHash == null; attempt++) {
                            if (attempt == 8) {
                                throw new IllegalStateException(
                                        "no unused interaction code after 8 draws");
                            }
                            InteractionCode candidate = InteractionCode.generate(Ids.random());
                            Long taken =
                                    em.createQuery(
                                                    "SELECT COUNT(r) FROM PendingRequest r WHERE r.codeHash = :hash",
                                                    Long.class)
                                            .setParameter("hash", candidate.hash())
                                            .getSingleResult();
                            if (taken == 0) {
                                code = candidate;
                                codeHash = candidate.hash();
                            }
                        }
                    }
                    PendingRequest stored =
                            new PendingRequest(
                                    Ids.pendingRequestId(), request, codeHash, clock.instant());
                    em.persist(stored);
                    em.flush();
                    return new Created(stored, Optional.ofNullable(code));
                });
    }

    /**
     * How many requests of {@code agentId} are still open (pending or interacting, not expired):
     * what the per-agent cap (issue 12) counts.
     */
    public long countOpen(String agentId) {
        return countOpenOf(Owner.AGENT, agentId);
    }

    /**
     * How many requests bound to {@code personId} are still open (pending or interacting, not
     * expired), whichever of the person's agents made them: what the per-person cap (issue 12)
     * counts.
     */
    public long countOpenForPerson(String personId) {
        return countOpenOf(Owner.PERSON, personId);
    }

    /**
     * Whose open requests are counted: the agent that made them, or the person they are bound to.
     */
    private enum Owner {
        AGENT("agentId"),
        PERSON("personId");

        private final String field;

        Owner(String field) {
            this.field = field;
        }
    }

    /**
     * The one "open requests of X" query: pending or interacting, not expired, owned by {@code id}.
     */
    private long countOpenOf(Owner owner, String id) {
        return transactions.reading(
                em ->
                        em.createQuery(
                                        "SELECT COUNT(r) FROM PendingRequest r WHERE r."
                                                + owner.field
                                                + " = :owner"
                                                + " AND r.status IN :open AND r.expiresAt > :now",
                                        Long.class)
                                .setParameter("owner", id)
                                .setParameter("open", RequestStatus.OPEN)
                                .setParameter("now", DbTime.of(clock.instant()))
                                .getSingleResult());
    }

    public Optional<PendingRequest> find(String id) {
        return transactions.required(em -> Optional.ofNullable(em.find(PendingRequest.class, id)));
    }

    /**
     * The request if {@code agentId} made it. "Servers MUST verify the agent's identity on every
     * poll": for any other agent this is empty, exactly as for an unknown id.
     */
    public Optional<PendingRequest> findForAgent(String id, String agentId) {
        return find(id).filter(r -> r.agentId().equals(agentId));
    }

    /** The request if {@code personId} is the person who decides on it. */
    public Optional<PendingRequest> findForPerson(String id, String personId) {
        return find(id).filter(r -> r.personId().filter(personId::equals).isPresent());
    }

    /** The request an interaction code belongs to, in any state. */
    public Optional<PendingRequest> findByCode(InteractionCode code) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT r FROM PendingRequest r WHERE r.codeHash = :hash",
                                        PendingRequest.class)
                                .setParameter("hash", code.hash())
                                .getResultStream()
                                .findFirst());
    }

    /** The person's open requests, oldest first. */
    public List<PendingRequest> openForPerson(String personId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT r FROM PendingRequest r WHERE r.personId = :person AND r.status IN :open"
                                                + " ORDER BY r.createdAt, r.id",
                                        PendingRequest.class)
                                .setParameter("person", personId)
                                .setParameter("open", RequestStatus.OPEN)
                                .getResultList());
    }

    /**
     * The person arrives at the interaction endpoint with a code: {@code pending} becomes {@code
     * interacting}, bound to this person. One conditional update on the code's hash, so of any
     * number of concurrent redemptions exactly one wins; a code works once.
     */
    public CodeRedemption redeemInteractionCode(InteractionCode code, String personId) {
        Objects.requireNonNull(personId, "personId");
        String hash = code.hash();
        CodeRedemption redemption =
                transactions.required(
                        em -> {
                            Instant now = clock.instant();
                            int updated =
                                    em.createQuery(
                                                    "UPDATE PendingRequest r SET r.status = :interacting, r.personId = :person,"
                                                            + " r.version = r.version + 1"
                                                            + " WHERE r.codeHash = :hash AND r.status = :pending AND r.expiresAt > :now"
                                                            + " AND (r.personId IS NULL OR r.personId = :person)")
                                            .setParameter("interacting", RequestStatus.INTERACTING)
                                            .setParameter("person", personId)
                                            .setParameter("hash", hash)
                                            .setParameter("pending", RequestStatus.PENDING)
                                            .setParameter("now", DbTime.of(now))
                                            .executeUpdate();
                            Optional<PendingRequest> request =
                                    em.createQuery(
                                                    "SELECT r FROM PendingRequest r WHERE r.codeHash = :hash",
                                                    PendingRequest.class)
                                            .setParameter("hash", hash)
                                            .getResultStream()
                                            .findFirst();
                            request.ifPresent(em::refresh);
                            CodeOutcome outcome;
                            if (updated == 1) {
                                outcome = CodeOutcome.REDEEMED;
                            } else if (request.isEmpty()) {
                                outcome = CodeOutcome.UNKNOWN;
                            } else if (request.get().status() != RequestStatus.PENDING) {
                                outcome = CodeOutcome.ALREADY_USED;
                            } else if (request.get().isExpiredAt(now)) {
                                outcome = CodeOutcome.EXPIRED;
                            } else {
                                outcome = CodeOutcome.OTHER_PERSON;
                            }
                            if (updated == 1) {
                                changes.inTransaction(em, request.get().id());
                            }
                            return new CodeRedemption(outcome, request);
                        });
        if (redemption.won()) {
            changes.committed(redemption.request().get().id());
        }
        return redemption;
    }

    /**
     * The person approves: an open, unexpired request bound to this person becomes {@code
     * approved}, and the decision is recorded with its reason in the same transaction.
     */
    public boolean approve(String id, String personId, String reason) {
        return decide(id, personId, RequestStatus.APPROVED, DecisionOutcome.APPROVED, reason);
    }

    /** The person denies: like {@link #approve}, ending in {@code denied} (403 {@code denied}). */
    public boolean deny(String id, String personId, String reason) {
        return decide(id, personId, RequestStatus.DENIED, DecisionOutcome.DENIED, reason);
    }

    /**
     * The person approves only some of the requested scopes: like {@link #approve}, and the
     * request's scopes become {@code granted} in the same conditional update, so the token minted
     * when the agent polls carries exactly what the person allowed ("never broader than the
     * resource token's"). False, changing nothing, when {@code granted} is empty or not a subset of
     * the requested scopes, or when the scopes changed meanwhile (the agent posted an updated
     * resource token): the person must then look at the new request.
     *
     * @param requested the scopes the person was shown (the request's scopes when the page was
     *     drawn)
     */
    public boolean approveNarrowed(
            String id, String personId, String reason, Set<String> requested, Set<String> granted) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(granted, "granted");
        if (granted.isEmpty() || !requested.containsAll(granted)) {
            return false;
        }
        return decide(
                id,
                personId,
                RequestStatus.APPROVED,
                DecisionOutcome.APPROVED,
                reason,
                CanonicalScopes.of(requested),
                CanonicalScopes.of(granted));
    }

    private boolean decide(
            String id, String personId, RequestStatus to, DecisionOutcome outcome, String reason) {
        return decide(id, personId, to, outcome, reason, null, null);
    }

    private boolean decide(
            String id,
            String personId,
            RequestStatus to,
            DecisionOutcome outcome,
            String reason,
            String expectedScopes,
            String newScopes) {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(reason, "reason");
        String narrowing = newScopes == null ? "" : ", r.scopes = :granted";
        String expecting = expectedScopes == null ? "" : " AND r.scopes = :requested";
        return transition(
                id,
                em -> {
                    Instant now = clock.instant();
                    var update =
                            em.createQuery(
                                            "UPDATE PendingRequest r SET r.status = :to, r.version = r.version + 1"
                                                    + narrowing
                                                    + " WHERE r.id = :id AND r.status IN :open AND r.personId = :person AND r.expiresAt > :now"
                                                    + expecting)
                                    .setParameter("to", to)
                                    .setParameter("id", id)
                                    .setParameter("open", RequestStatus.OPEN)
                                    .setParameter("person", personId)
                                    .setParameter("now", DbTime.of(now));
                    if (newScopes != null) {
                        update.setParameter("granted", newScopes)
                                .setParameter("requested", expectedScopes);
                    }
                    int updated = update.executeUpdate();
                    if (updated == 1) {
                        PendingRequest request = em.find(PendingRequest.class, id);
                        em.refresh(request);
                        Decisions.insert(
                                em,
                                new Decision(
                                        Ids.uuid(),
                                        id,
                                        personId,
                                        request.agentId(),
                                        request.resource(),
                                        CanonicalScopes.of(request.scopes()),
                                        outcome,
                                        reason,
                                        now));
                    }
                    return updated == 1;
                });
    }

    /**
     * The person leaves the interaction without deciding: {@code interacting} becomes {@code
     * abandoned} ("Interaction code was used but user did not complete").
     */
    public boolean abandon(String id, String personId) {
        return transition(
                id,
                em ->
                        em.createQuery(
                                                "UPDATE PendingRequest r SET r.status = :abandoned,"
                                                        + " r.version = r.version + 1"
                                                        + " WHERE r.id = :id AND r.status = :interacting AND r.personId = :person")
                                        .setParameter("abandoned", RequestStatus.ABANDONED)
                                        .setParameter("id", id)
                                        .setParameter("interacting", RequestStatus.INTERACTING)
                                        .setParameter("person", personId)
                                        .executeUpdate()
                                == 1);
    }

    /**
     * The agent withdraws the request (DELETE on the pending URL): from {@code pending}, {@code
     * interacting} or {@code approved} (no token issued yet) to {@code cancelled}, answered at
     * once: "Subsequent requests to the pending URL return 410 Gone."
     */
    public boolean cancel(String id, String agentId) {
        return transition(
                id,
                em ->
                        em.createQuery(
                                                "UPDATE PendingRequest r SET r.status = :cancelled,"
                                                        + " r.answeredAt = :now, r.version = r.version + 1"
                                                        + " WHERE r.id = :id AND r.agentId = :agent AND r.status IN :cancellable")
                                        .setParameter("cancelled", RequestStatus.CANCELLED)
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .setParameter("id", id)
                                        .setParameter("agent", agentId)
                                        .setParameter("cancellable", CANCELLABLE)
                                        .executeUpdate()
                                == 1);
    }

    /**
     * The request's lifetime is over: {@code pending} becomes {@code expired} (408) and {@code
     * interacting} becomes {@code abandoned} (403: the code was used, the person did not finish).
     * Does nothing before {@code expires_at}.
     */
    public boolean expireIfDue(String id) {
        return transition(id, em -> expire(em, id) > 0);
    }

    /** {@link #expireIfDue} for every request whose time is over; returns how many changed. */
    public int expireDue() {
        return transactions.required(em -> expire(em, null));
    }

    private int expire(EntityManager em, String id) {
        Instant now = clock.instant();
        String onlyId = id == null ? "" : " AND r.id = :id";
        int changed = 0;
        for (RequestStatus[] fromTo :
                new RequestStatus[][] {
                    {RequestStatus.PENDING, RequestStatus.EXPIRED},
                    {RequestStatus.INTERACTING, RequestStatus.ABANDONED}
                }) {
            var update =
                    em.createQuery(
                                    "UPDATE PendingRequest r SET r.status = :to, r.version = r.version + 1"
                                            + " WHERE r.status = :from AND r.expiresAt <= :now"
                                            + onlyId)
                            .setParameter("to", fromTo[1])
                            .setParameter("from", fromTo[0])
                            .setParameter("now", DbTime.of(now));
            if (id != null) {
                update.setParameter("id", id);
            }
            changed += update.executeUpdate();
        }
        return changed;
    }

    /**
     * Hands out the token of an approved request: {@code approved} becomes {@code redeemed} with
     * the token's {@code jti}, and the token is recorded in {@code issued_tokens}, in one
     * transaction. Only one caller ever wins, so a request yields at most one token; a loser must
     * discard the token it minted.
     */
    public boolean markRedeemed(String id, String agentId, IssuedToken token) {
        Objects.requireNonNull(token, "token");
        return markRedeemed(id, agentId, token.jti(), token);
    }

    /**
     * As {@link #markRedeemed(String, String, IssuedToken)}; {@code token} null for a token that is
     * not an auth token (a -11 person token, retained in {@code person_tokens} instead).
     */
    public boolean markRedeemed(String id, String agentId, String jti, IssuedToken token) {
        Objects.requireNonNull(jti, "jti");
        return transition(
                id,
                em -> {
                    int updated =
                            em.createQuery(
                                            "UPDATE PendingRequest r SET r.status = :redeemed, r.issuedJti = :jti,"
                                                    + " r.answeredAt = :now, r.version = r.version + 1"
                                                    + " WHERE r.id = :id AND r.agentId = :agent AND r.status = :approved")
                                    .setParameter("redeemed", RequestStatus.REDEEMED)
                                    .setParameter("jti", jti)
                                    .setParameter("now", DbTime.of(clock.instant()))
                                    .setParameter("id", id)
                                    .setParameter("agent", agentId)
                                    .setParameter("approved", RequestStatus.APPROVED)
                                    .executeUpdate();
                    if (updated == 1 && token != null) {
                        em.persist(token);
                        em.flush();
                    }
                    return updated == 1;
                });
    }

    /**
     * Marks the one terminal answer of a {@code denied}, {@code abandoned} or {@code expired}
     * request as given. The caller that wins answers 403/408; every later poll gets 410: "Once a
     * terminal response is returned, the pending URL MUST return 410 Gone."
     */
    public boolean deliverTerminal(String id, String agentId, RequestStatus status) {
        if (!ANSWERED_ONCE.contains(status)) {
            throw new IllegalArgumentException("not answered by deliverTerminal: " + status);
        }
        return transition(
                id,
                em ->
                        em.createQuery(
                                                "UPDATE PendingRequest r SET r.answeredAt = :now,"
                                                        + " r.version = r.version + 1"
                                                        + " WHERE r.id = :id AND r.agentId = :agent AND r.status = :status AND r.answeredAt IS NULL")
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .setParameter("id", id)
                                        .setParameter("agent", agentId)
                                        .setParameter("status", status)
                                        .executeUpdate()
                                == 1);
    }

    /**
     * Polling rate limit: admits a poll by {@code agentId} if {@code next_poll_allowed_at} has
     * passed, and moves it {@code interval} ahead in the same update; concurrent polls inside one
     * interval get one admission. "If the server responds with 429 Too Many Requests, the agent
     * MUST increase its polling interval by 5 seconds."
     */
    public PollAdmission admitPoll(String id, String agentId, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return transactions.required(
                em -> {
                    Instant now = clock.instant();
                    int updated =
                            em.createQuery(
                                            "UPDATE PendingRequest r SET r.lastPolledAt = :now, r.nextPollAllowedAt = :next"
                                                    + " WHERE r.id = :id AND r.agentId = :agent"
                                                    + " AND (r.nextPollAllowedAt IS NULL OR r.nextPollAllowedAt <= :now)")
                                    .setParameter("now", DbTime.of(now))
                                    .setParameter("next", DbTime.of(now.plus(interval)))
                                    .setParameter("id", id)
                                    .setParameter("agent", agentId)
                                    .executeUpdate();
                    if (updated == 1) {
                        return PollAdmission.ADMITTED;
                    }
                    List<String> agent =
                            em.createQuery(
                                            "SELECT r.agentId FROM PendingRequest r WHERE r.id = :id",
                                            String.class)
                                    .setParameter("id", id)
                                    .getResultList();
                    return agent.size() == 1 && agent.get(0).equals(agentId)
                            ? PollAdmission.SLOW_DOWN
                            : PollAdmission.UNKNOWN;
                });
    }

    /**
     * The person asks the agent a question: allowed while {@code interacting}, when no question is
     * open and fewer than {@code maxRounds} were asked ("PSes MUST enforce a maximum number of
     * clarification rounds").
     */
    public boolean askClarification(String id, String personId, String question, int maxRounds) {
        Objects.requireNonNull(question, "question");
        return transition(
                id,
                em ->
                        em.createQuery(
                                                "UPDATE PendingRequest r SET r.clarification = :question,"
                                                        + " r.clarificationResponse = NULL, r.clarificationRounds = r.clarificationRounds + 1,"
                                                        + " r.version = r.version + 1"
                                                        + " WHERE r.id = :id AND r.personId = :person AND r.status = :interacting AND r.expiresAt > :now"
                                                        + " AND r.clarificationRounds < :max"
                                                        + " AND (r.clarification IS NULL OR r.clarificationResponse IS NOT NULL)")
                                        .setParameter("question", question)
                                        .setParameter("id", id)
                                        .setParameter("person", personId)
                                        .setParameter("interacting", RequestStatus.INTERACTING)
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .setParameter("max", maxRounds)
                                        .executeUpdate()
                                == 1);
    }

    /** The agent answers the open question ({@code clarification_response}); once per question. */
    public boolean answerClarification(String id, String agentId, String response) {
        Objects.requireNonNull(response, "response");
        return transition(
                id,
                em ->
                        em.createQuery(
                                                "UPDATE PendingRequest r SET r.clarificationResponse = :response,"
                                                        + " r.version = r.version + 1"
                                                        + " WHERE r.id = :id AND r.agentId = :agent AND r.status IN :open"
                                                        + " AND r.clarification IS NOT NULL AND r.clarificationResponse IS NULL")
                                        .setParameter("response", response)
                                        .setParameter("id", id)
                                        .setParameter("agent", agentId)
                                        .setParameter("open", RequestStatus.OPEN)
                                        .executeUpdate()
                                == 1);
    }

    /**
     * The agent replaces its request with an updated resource token (POST to the pending URL);
     * allowed while open. An open question counts as answered by the update.
     */
    public boolean replaceResourceToken(
            String id, String agentId, String resourceToken, String resource, Set<String> scopes) {
        return replaceResourceToken(id, agentId, resourceToken, resource, scopes, null);
    }

    /**
     * {@link #replaceResourceToken(String, String, String, String, Set)} with the update's {@code
     * justification} ("A justification is OPTIONAL but RECOMMENDED to explain the change to the
     * user"); {@code null} keeps the one stored.
     */
    public boolean replaceResourceToken(
            String id,
            String agentId,
            String resourceToken,
            String resource,
            Set<String> scopes,
            String justification) {
        Objects.requireNonNull(resourceToken, "resourceToken");
        Objects.requireNonNull(resource, "resource");
        String canonical = CanonicalScopes.of(scopes);
        return transition(
                id,
                em -> {
                    var update =
                            em.createQuery(
                                            "UPDATE PendingRequest r SET r.resourceToken = :token,"
                                                    + " r.resource = :resource, r.scopes = :scopes, r.clarification = NULL,"
                                                    + " r.clarificationResponse = NULL,"
                                                    + (justification == null
                                                            ? ""
                                                            : " r.justification = :justification,")
                                                    + " r.version = r.version + 1"
                                                    + " WHERE r.id = :id AND r.agentId = :agent AND r.status IN :open AND r.expiresAt > :now")
                                    .setParameter("token", resourceToken)
                                    .setParameter("resource", resource)
                                    .setParameter("scopes", canonical)
                                    .setParameter("id", id)
                                    .setParameter("agent", agentId)
                                    .setParameter("open", RequestStatus.OPEN)
                                    .setParameter("now", DbTime.of(clock.instant()));
                    if (justification != null) {
                        update.setParameter("justification", justification);
                    }
                    return update.executeUpdate() == 1;
                });
    }

    /**
     * The Person Server's policy refuses an open request (an update asked for scopes a deny rule
     * covers): {@code denied}, its one terminal answer given now (the caller answers {@code 403
     * denied}; afterwards {@code 410}), and the decision recorded with its reason, in one
     * transaction.
     */
    public boolean denyByPolicy(String id, String agentId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return transition(
                id,
                em -> {
                    Instant now = clock.instant();
                    int updated =
                            em.createQuery(
                                            "UPDATE PendingRequest r SET r.status = :denied, r.answeredAt = :now,"
                                                    + " r.version = r.version + 1"
                                                    + " WHERE r.id = :id AND r.agentId = :agent AND r.status IN :open")
                                    .setParameter("denied", RequestStatus.DENIED)
                                    .setParameter("now", DbTime.of(now))
                                    .setParameter("id", id)
                                    .setParameter("agent", agentId)
                                    .setParameter("open", RequestStatus.OPEN)
                                    .executeUpdate();
                    if (updated == 1) {
                        PendingRequest request = em.find(PendingRequest.class, id);
                        em.refresh(request);
                        Decisions.insert(
                                em,
                                new Decision(
                                        Ids.uuid(),
                                        id,
                                        request.personId().orElse(null),
                                        request.agentId(),
                                        request.resource(),
                                        CanonicalScopes.of(request.scopes()),
                                        DecisionOutcome.DENIED,
                                        reason,
                                        now));
                    }
                    return updated == 1;
                });
    }

    /** Deletes requests whose terminal answer was given before {@code before}; returns how many. */
    public int purgeAnsweredBefore(Instant before) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "DELETE FROM PendingRequest r WHERE r.answeredAt IS NOT NULL AND r.answeredAt < :before")
                                .setParameter("before", DbTime.of(before))
                                .executeUpdate());
    }
}
