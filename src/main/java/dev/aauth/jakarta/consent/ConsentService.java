package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.AgentBindings;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.RequestStatus;
import dev.aauth.profile.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What the consent pages do to a pending request on the signed-in person's behalf, over the store's
 * atomic transitions. A person is named by username in the session and by id in the store.
 */
@ApplicationScoped
public class ConsentService {

    private static final Logger LOG = Logger.getLogger(ConsentService.class.getName());

    /** Longest question a person may ask. */
    public static final int MAX_QUESTION = 2000;

    @Inject PendingRequests requests;
    @Inject Persons persons;
    @Inject AgentBindings bindings;
    @Inject Consents consents;
    @Inject Clock clock;
    @Inject AAuthConfig config;

    /** Unknown codes per person, and from everyone (key {@link #EVERYONE}), per minute. */
    private RateLimiter personGuesses;

    private RateLimiter allGuesses;

    private static final String EVERYONE = "";

    @PostConstruct
    void limits() {
        personGuesses =
                new RateLimiter(
                        config.codeGuessesPerPerson(), Duration.ofMinutes(1), 100_000, clock);
        allGuesses = new RateLimiter(config.codeGuessesGlobal(), Duration.ofMinutes(1), 1, clock);
    }

    /** What opening a code gave. */
    public enum Opened {
        /** The code bound the request to this person: show it. */
        OPENED,
        /** Not a code of this server, or no request has it. */
        UNKNOWN,
        /** Used before ("The code parameter is single-use"), or its request is no longer open. */
        USED,
        /** Its request's time is over. */
        EXPIRED,
        /** Its request belongs to another person. */
        NOT_YOURS,
        /**
         * Too many unknown codes lately, from this person or from everyone (issue 12: "interaction
         * code guesses throttled per client and globally"); nothing was looked up.
         */
        THROTTLED
    }

    public record OpenResult(Opened outcome, Optional<PendingRequest> request) {}

    /** The signed-in person's store id. */
    public Optional<String> personId(String username) {
        return persons.findByUsername(username).map(Person::id);
    }

    /**
     * The person arrives with a code: "once the user arrives at the URL with a valid code, the code
     * is consumed and cannot be reused". The request turns {@code interacting}, bound to this
     * person.
     */
    public OpenResult open(String code, String personId) {
        Optional<InteractionCode> parsed = InteractionCode.parse(code);
        if (parsed.isEmpty()) {
            return new OpenResult(Opened.UNKNOWN, Optional.empty());
        }
        // -11: "the server MUST rate-limit code-validation attempts at the interaction URL"; only
        // unknown codes are charged, so a person
        // typing their own codes is never slowed; checked before the lookup, charged after it
        if (personGuesses.waitFor(personId) > 0 || allGuesses.waitFor(EVERYONE) > 0) {
            LOG.info(() -> "interaction code attempts throttled");
            return new OpenResult(Opened.THROTTLED, Optional.empty());
        }
        PendingRequests.CodeRedemption r = requests.redeemInteractionCode(parsed.get(), personId);
        if (r.outcome() == PendingRequests.CodeOutcome.UNKNOWN) {
            personGuesses.tryAcquire(personId);
            allGuesses.tryAcquire(EVERYONE);
        }
        Opened outcome =
                switch (r.outcome()) {
                    case REDEEMED -> Opened.OPENED;
                    case UNKNOWN -> Opened.UNKNOWN;
                    case ALREADY_USED -> Opened.USED;
                    case EXPIRED -> Opened.EXPIRED;
                    case OTHER_PERSON -> Opened.NOT_YOURS;
                };
        return new OpenResult(outcome, outcome == Opened.OPENED ? r.request() : Optional.empty());
    }

    /** The person's request, if it is theirs (never another person's). */
    public Optional<PendingRequest> find(String requestId, String personId) {
        if (requestId == null) {
            return Optional.empty();
        }
        requests.expireIfDue(requestId);
        return requests.findForPerson(requestId, personId);
    }

    /** Whether this agent is new to this person: not bound to them yet. */
    public boolean isNewTo(String agentId, String personId) {
        return bindings.find(agentId).filter(b -> b.personId().equals(personId)).isEmpty();
    }

    /** The outcome of {@link #approve}. */
    public enum Approval {
        APPROVED,
        /** Nothing granted, or scopes the request does not have. */
        INVALID_SCOPES,
        /** The request was decided, cancelled, changed or expired meanwhile. */
        TOO_LATE
    }

    /**
     * Approves {@code granted} (the scopes shown, or fewer). The scopes are narrowed in the same
     * atomic update as the approval. Then the agent is bound to the person if it belongs to nobody
     * ("bound by an administrator or at first consent, never re-bound silently": an agent of
     * someone else keeps its person, and then no consent is remembered), and with {@code remember}
     * the consent is remembered for later direct grants.
     */
    public Approval approve(
            PendingRequest shown, String personId, Set<String> granted, boolean remember) {
        if (granted.isEmpty() || !shown.scopes().containsAll(granted)) {
            return Approval.INVALID_SCOPES;
        }
        String reason =
                granted.equals(shown.scopes())
                        ? "person approved at the consent page"
                        : "person approved "
                                + String.join(" ", new java.util.TreeSet<>(granted))
                                + " of the requested scopes";
        if (!requests.approveNarrowed(shown.id(), personId, reason, shown.scopes(), granted)) {
            return Approval.TOO_LATE;
        }
        AgentBindings.Binding binding = bindings.bind(shown.agentId(), personId, BoundBy.CONSENT);
        if (binding.outcome() == AgentBindings.BindOutcome.BOUND_TO_ANOTHER) {
            LOG.warning(
                    "agent "
                            + shown.agentId()
                            + " belongs to another person: not re-bound, no consent remembered");
            return Approval.APPROVED;
        }
        if (remember) {
            consents.grant(personId, shown.agentId(), shown.resource(), granted);
        }
        return Approval.APPROVED;
    }

    public boolean deny(String requestId, String personId) {
        return requests.deny(requestId, personId, "person denied at the consent page");
    }

    /**
     * The person asks the agent a question: "PSes SHOULD enforce limits on clarification rounds
     * (recommended: 5 rounds maximum)"; one open question at a time.
     */
    public boolean ask(String requestId, String personId, String question) {
        if (question == null || question.isBlank() || question.length() > MAX_QUESTION) {
            return false;
        }
        return requests.askClarification(
                requestId, personId, question.strip(), PendingRequests.MAX_CLARIFICATION_ROUNDS);
    }

    /** The person's open requests, oldest first. */
    public List<PendingRequest> open(String personId) {
        return requests.openForPerson(personId);
    }

    /** Whether the request is still one the person can decide on. */
    public static boolean decidable(PendingRequest r) {
        return r.status() == RequestStatus.INTERACTING || r.status() == RequestStatus.PENDING;
    }
}
