package dev.aauth.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The Person Server's deferred responses ("Deferred Responses", "Interaction Required"), plain Java
 * over the {@link PendingRequestStore} port:
 *
 * <ul>
 *   <li>{@link #defer}: the person must be asked, so the request is stored and answered {@code 202}
 *       with an interaction code;
 *   <li>{@link #poll}: the agent's {@code GET} on the pending URL: {@code 202} while pending or
 *       interacting, then exactly one terminal answer ({@code 200} with the token once, {@code 403}
 *       {@code denied}/{@code abandoned}, {@code 408 expired}), afterwards {@code 410
 *       invalid_code}; faster than {@code Retry-After}, {@code 429 slow_down};
 *   <li>{@link #cancel}: the agent's {@code DELETE}.
 * </ul>
 *
 * "Servers MUST verify the agent's identity on every poll": a request is found only for the agent
 * that made it; any other caller gets exactly the answer for an unknown id ({@code 410
 * invalid_code}, "Interaction code not recognized or already consumed"). Thread-safe: every
 * transition is one atomic update in the store, so racing polls, approvals and cancellations give
 * one outcome and at most one token.
 */
public final class DeferredResponses {

    /** The pending URLs: {@code {issuer}/aauth/pending/{id}}. */
    public static final String PATH = "aauth/pending";

    /**
     * A token minted for an approved request: the answer and its record for {@code issued_tokens}.
     */
    public record Minted(
            TokenResponse.Granted granted,
            PendingRequestStore.RedeemedToken record,
            String member) {

        /** An auth token. */
        public Minted(TokenResponse.Granted granted, PendingRequestStore.RedeemedToken record) {
            this(granted, record, AUTH_TOKEN);
        }
    }

    /** The member of an approved auth-token request's {@code 200}. */
    public static final String AUTH_TOKEN = "auth_token";

    /** The member of an approved -11 person-token request's {@code 200}. */
    public static final String PERSON_TOKEN = "person_token";

    /** What a poll that is not an error answers. */
    public sealed interface PollAnswer {}

    /**
     * {@code 202 {"status": ...}}: still waiting ({@code pending} or {@code interacting}). With a
     * question of the person open, it is the draft's "Clarification Required": {@code
     * AAuth-Requirement: requirement=clarification} and {@code {"status", "clarification",
     * "timeout"}}.
     *
     * @param retryAfter seconds until this agent's next poll is admitted (the {@code Retry-After})
     * @param clarification "clarification (REQUIRED): A Markdown string containing the question",
     *     or null
     * @param timeout "timeout (OPTIONAL): Seconds until the server times out the request" (with a
     *     question only; 0 otherwise)
     */
    public record Waiting(String status, long retryAfter, String clarification, long timeout)
            implements PollAnswer {

        public Waiting(String status, long retryAfter) {
            this(status, retryAfter, null, 0);
        }

        public boolean asksClarification() {
            return clarification != null;
        }

        /**
         * Whether {@code other} shows the agent the same state (status and question), whatever the
         * timings.
         */
        public boolean sameStateAs(Waiting other) {
            return status.equals(other.status)
                    && Objects.equals(clarification, other.clarification);
        }
    }

    /**
     * {@code 200} with the token: the one terminal answer of an approved request; {@code member} is
     * {@code auth_token}, or {@code person_token} for a -11 person-token request.
     */
    public record Token(TokenResponse.Granted granted, String member) implements PollAnswer {

        public Token(TokenResponse.Granted granted) {
            this(granted, AUTH_TOKEN);
        }
    }

    /**
     * How deferred requests live.
     *
     * @param lifetime how long a request stays open before it expires ({@code 408})
     * @param retryAfter the {@code Retry-After} of pending responses and the least time between
     *     polls
     * @param maxOpenPerAgent how many open (pending or interacting) requests one agent may have;
     *     one more is {@code 429 slow_down} with {@code Retry-After} (issue 12)
     * @param maxOpenPerPerson how many open requests bound to one person (whichever of their agents
     *     made them) there may be; one more is answered like the per-agent cap
     */
    public record Settings(
            Duration lifetime, Duration retryAfter, int maxOpenPerAgent, int maxOpenPerPerson) {
        public Settings {
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (maxOpenPerAgent < 1) {
                throw new IllegalArgumentException("maxOpenPerAgent must be positive");
            }
            if (maxOpenPerPerson < 1) {
                throw new IllegalArgumentException("maxOpenPerPerson must be positive");
            }
        }

        /** Without caps on open requests. */
        public Settings(Duration lifetime, Duration retryAfter) {
            this(lifetime, retryAfter, Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
    }

    private final PendingRequestStore pending;
    private final PersonIds persons;
    private final Duration lifetime;
    private final Duration retryAfter;
    private final Clock clock;
    private final int maxOpenPerAgent;
    private final int maxOpenPerPerson;

    /**
     * Locks striped by agent, so that one instance counts and creates an agent's requests one at a
     * time: a burst of one agent's requests cannot all pass the count before any is created (100/s
     * admitted 102 of a cap of 100). A request that cannot take its stripe within {@link
     * #STRIPE_WAIT} is {@code 429 slow_down}: a flooding agent is told to come back rather than
     * holding request threads in a queue (a wait without bound held 43 of them).
     */
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    /**
     * Polls this instance admitted: the pending id, agent and key, and when the next poll may be
     * admitted. A poll faster than that is {@code 429 slow_down} without writing to the store (a
     * flooding agent costs a signature check and one read, not three database statements; the read
     * keeps "Once a terminal response is returned, the pending URL MUST return 410 Gone"). Only
     * ever stricter than nothing and never stricter than the store: the store's own "next poll"
     * time, set by this instance or another, is at least as late. Bounded: {@link #MAX_POLL_GATES}.
     */
    private final ConcurrentHashMap<String, Instant> pollGates = new ConcurrentHashMap<>();

    /** How many admitted polls {@link #pollGates} remembers before it forgets the past ones. */
    static final int MAX_POLL_GATES = 10_000;

    /** How long a request waits for its agent's stripe before it is told to slow down. */
    static final Duration STRIPE_WAIT = Duration.ofMillis(250);

    public DeferredResponses(
            PendingRequestStore pending, PersonIds persons, Settings settings, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.lifetime = settings.lifetime();
        this.retryAfter = settings.retryAfter();
        this.maxOpenPerAgent = settings.maxOpenPerAgent();
        this.maxOpenPerPerson = settings.maxOpenPerPerson();
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Stores the request (its id is 128 random bits: "Pending URLs MUST be unguessable and SHOULD
     * have limited lifetime") with an interaction code, and answers {@code 202}.
     *
     * @param person the person the agent belongs to (who decides), or null when the code's redeemer
     *     will
     */
    public TokenResponse.Pending defer(
            String agent,
            String agentJkt,
            String resourceToken,
            String upstreamToken,
            String resource,
            List<String> scopes,
            TokenRequest request,
            String person) {
        ReentrantLock stripe = stripes[Math.floorMod(agent.hashCode(), stripes.length)];
        boolean locked;
        try {
            locked = stripe.tryLock(STRIPE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw AAuthException.retryAfter(
                    AAuthError.SLOW_DOWN,
                    "too many requests of this agent at once: retry later",
                    retryAfter.toSeconds());
        }
        try {
            // issue 12: pending-request floods are capped per agent (counted, then created: two
            // instances racing may each admit one more)
            requireRoom(maxOpenPerAgent, () -> pending.countOpen(agent), "of this agent");
            String personId = person == null ? null : persons.ensure(person);
            if (personId != null) {
                // issue 12: capped per person too, so many agents of one person cannot flood them
                requireRoom(
                        maxOpenPerPerson,
                        () -> pending.countOpenForPerson(personId),
                        "for this person");
            }
            PendingRequestStore.Created created =
                    pending.create(
                            new PendingRequestStore.NewRequest(
                                    agent,
                                    agentJkt,
                                    resourceToken,
                                    upstreamToken,
                                    resource,
                                    Set.copyOf(scopes),
                                    request.justification(),
                                    request.platform(),
                                    request.device(),
                                    personId,
                                    lifetime,
                                    retryAfter));
            String code = created.code();
            return new TokenResponse.Pending(created.request().id(), code, retryAfter.toSeconds());
        } finally {
            stripe.unlock();
        }
    }

    /**
     * The agent polls: {@link #admit} then {@link #answer}. The terminal answers are given once:
     * "Once a terminal response is returned, the pending URL MUST return 410 Gone."
     *
     * @param agentJkt the thumbprint of the key that signed the poll
     * @param mint mints the auth token of an approved request for the polling agent (its current
     *     key)
     */
    public PollAnswer poll(
            String id, String agent, String agentJkt, Function<PendingRequestView, Minted> mint) {
        admit(id, agent, agentJkt);
        return answer(id, agent, agentJkt, mint);
    }

    /**
     * The rate limit and identity checks of a poll: "Servers MUST verify the agent's identity on
     * every poll" (the agent, and the key the request is bound to: {@link #requireOwn}); faster
     * than {@code Retry-After} is {@code 429 slow_down} ("Polling too frequently").
     */
    public void admit(String id, String agent, String agentJkt) {
        PendingRequestView request = requireOwn(id, agent, agentJkt);
        if (request.isAnswered()) {
            throw gone();
        }
        String gate = id + '\n' + agent + '\n' + agentJkt;
        Instant notBefore = pollGates.get(gate);
        if (notBefore != null && notBefore.isAfter(clock.instant())) {
            throw slowDown();
        }
        pending.expireIfDue(id);
        switch (pending.admitPoll(id, agent, retryAfter)) {
            case SLOW_DOWN -> throw slowDown();
            case UNKNOWN -> throw gone();
            case ADMITTED -> remember(gate, clock.instant().plus(retryAfter));
        }
    }

    /**
     * "Polling too frequently" ({@code 429 slow_down}), told when to come back (issue 12 scenario
     * 5: the next poll is admitted at most one interval from now: a refused poll does not move it).
     */
    private AAuthException slowDown() {
        return AAuthException.retryAfter(
                AAuthError.SLOW_DOWN,
                "polling too frequently: wait " + retryAfter.toSeconds() + " s between polls",
                retryAfter.toSeconds());
    }

    private void remember(String gate, Instant notBefore) {
        if (pollGates.size() >= MAX_POLL_GATES) {
            Instant now = clock.instant();
            pollGates.values().removeIf(t -> !t.isAfter(now));
            if (pollGates.size() >= MAX_POLL_GATES) {
                pollGates.clear(); // only an optimisation: the store still decides
            }
        }
        pollGates.put(gate, notBefore);
    }

    /**
     * The answer of an admitted poll, from the request's current state: {@link Waiting} while open,
     * the token once when approved, or the terminal error once.
     */
    public PollAnswer answer(
            String id, String agent, String agentJkt, Function<PendingRequestView, Minted> mint) {
        pending.expireIfDue(id);
        PendingRequestView request = requireOwn(id, agent, agentJkt);
        if (request.isAnswered()) {
            throw gone();
        }
        PendingStatus status = request.status();
        return switch (status) {
            case PENDING, INTERACTING -> waiting(request);
            case APPROVED -> {
                Minted minted = mint.apply(request);
                if (!pending.markRedeemed(id, agent, minted.record())) {
                    throw gone(); // another poll won (its token is the one), or the agent cancelled
                }
                yield new Token(minted.granted(), minted.member());
            }
            case DENIED ->
                    throw terminal(id, agent, status, AAuthError.DENIED, "the request was denied");
            case ABANDONED ->
                    throw terminal(
                            id,
                            agent,
                            status,
                            AAuthError.ABANDONED,
                            "the interaction code was used but the person did not complete");
            case EXPIRED ->
                    throw terminal(id, agent, status, AAuthError.EXPIRED, "the request timed out");
            case CANCELLED, REDEEMED -> throw gone();
        };
    }

    /**
     * What a waiting poll would now show, without admitting a poll or handing anything out: the
     * request's open state, or empty once it is no longer open or its time is over (its answer is
     * then due). One read by primary key: for long polls, which call it often.
     */
    public Optional<Waiting> peek(String id, String agent, String agentJkt) {
        Instant now = clock.instant();
        return pending.findForAgent(id, agent)
                .filter(
                        r ->
                                r.agentJkt().equals(agentJkt)
                                        && !r.isAnswered()
                                        && r.status().isOpen()
                                        && !r.isExpiredAt(now))
                .map(this::waiting);
    }

    /**
     * "Clarification response: POST a clarification_response to the pending URL" — the answer to
     * the person's open question, once per question ("After posting, the agent resumes polling with
     * GET"). Answers the request's state as a poll would, without counting as one. Without an open
     * question, or on a request no longer open, {@code invalid_request}.
     */
    public Waiting answerClarification(String id, String agent, String agentJkt, String response) {
        PendingRequestView request = requireOpen(id, agent, agentJkt);
        if (!request.awaitsClarificationResponse()
                || !pending.answerClarification(id, agent, response)) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "no clarification question is open");
        }
        return waiting(requireOwn(id, agent, agentJkt));
    }

    /**
     * The request an "Updated request" may replace: the agent's own, still open. "The new resource
     * token MUST have the same iss, agent, and agent_jkt as the original": {@code agent} and {@code
     * agent_jkt} hold because the request is found only for the agent and key that made it (the
     * caller verifies the new token against the signer), {@code iss} the caller compares with
     * {@link PendingRequestView#resource()}.
     */
    public PendingRequestView requireUpdatable(String id, String agent, String agentJkt) {
        return requireOpen(id, agent, agentJkt);
    }

    /** Replaces the request's resource token (verified by the caller) and answers its state. */
    public Waiting replace(
            String id,
            String agent,
            String agentJkt,
            String resourceToken,
            String resource,
            List<String> scopes,
            String justification) {
        if (!pending.replaceResourceToken(
                id, agent, resourceToken, resource, Set.copyOf(scopes), justification)) {
            throw notOpen();
        }
        return waiting(requireOwn(id, agent, agentJkt));
    }

    /**
     * The policy refuses an updated request: {@code 403 denied}, the one terminal answer; then 410.
     */
    public AAuthException denyByPolicy(String id, String agent, String reason) {
        return pending.denyByPolicy(id, agent, reason)
                ? new AAuthException(
                        AAuthError.DENIED, "the Person Server's policy refuses the updated request")
                : notOpen();
    }

    private PendingRequestView requireOpen(String id, String agent, String agentJkt) {
        pending.expireIfDue(id);
        PendingRequestView request = requireOwn(id, agent, agentJkt);
        if (request.isAnswered()) {
            throw gone();
        }
        if (!request.status().isOpen()) {
            throw notOpen();
        }
        return request;
    }

    private static AAuthException notOpen() {
        return new AAuthException(
                AAuthError.INVALID_REQUEST,
                "the request is no longer open: GET the pending URL for its answer");
    }

    /**
     * The agent's own request. It is bound to the agent and to the key that signed the token
     * request (its resource token's {@code agent_jkt}: "Verify agent_jkt matches the JWK Thumbprint
     * of the key used to sign the HTTP request"), and "Servers MUST verify the agent's identity on
     * every poll": a request signed by another agent, or by another key of the same agent, gets
     * exactly the answer for an unknown id ({@code 410 invalid_code}) and changes nothing.
     */
    private PendingRequestView requireOwn(String id, String agent, String agentJkt) {
        return findOwn(id, agent, agentJkt).orElseThrow(DeferredResponses::gone);
    }

    private Waiting waiting(PendingRequestView request) {
        Instant now = clock.instant();
        long next = request.nextPoll().map(at -> secondsUntil(now, at)).orElse(0L);
        if (request.awaitsClarificationResponse()) {
            return new Waiting(
                    request.status().value(),
                    next,
                    request.clarification(),
                    secondsUntil(now, request.expiresAt()));
        }
        return new Waiting(request.status().value(), next);
    }

    /** Whole seconds from {@code now} until {@code at}, rounded up; 0 when past. */
    static long secondsUntil(Instant now, Instant at) {
        long millis = Duration.between(now, at).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /**
     * The agent withdraws its request ({@code DELETE}); an unknown, foreign or answered one is
     * {@code 410}.
     */
    public void cancel(String id, String agent, String agentJkt) {
        requireOwn(id, agent, agentJkt);
        if (!pending.cancel(id, agent)) {
            throw gone();
        }
    }

    private AAuthException terminal(
            String id, String agent, PendingStatus status, AAuthError error, String detail) {
        return pending.deliverTerminal(id, agent, status)
                ? new AAuthException(error, detail)
                : gone();
    }

    /**
     * The agent's own request ({@link #requireOwn}: the agent and the key it is bound to), answered
     * or not, or empty exactly when {@link #requireOwn} would answer {@code 410}.
     */
    public Optional<PendingRequestView> findOwn(String id, String agent, String agentJkt) {
        return pending.findForAgent(id, agent).filter(r -> r.agentJkt().equals(agentJkt));
    }

    /** The stored person of an id. */
    Optional<PersonIds.Person> person(String personId) {
        return persons.find(personId);
    }

    /** The username of a stored person id. */
    Optional<String> usernameOf(String personId) {
        return persons.usernameOf(personId);
    }

    /** One answer for unknown ids, other agents' requests and answered ones. */
    public static AAuthException gone() {
        return new AAuthException(
                AAuthError.INVALID_CODE,
                "the pending request is not recognized or already answered");
    }

    /**
     * {@code slow_down} with {@code Retry-After} when {@code max} open requests (no cap: {@link
     * Integer#MAX_VALUE}, not even counted) are already open.
     */
    private void requireRoom(int max, java.util.function.LongSupplier open, String whose) {
        if (max != Integer.MAX_VALUE && open.getAsLong() >= max) {
            throw AAuthException.retryAfter(
                    AAuthError.SLOW_DOWN,
                    "too many open requests " + whose + " (" + max + "): let some end first",
                    retryAfter.toSeconds());
        }
    }
}
