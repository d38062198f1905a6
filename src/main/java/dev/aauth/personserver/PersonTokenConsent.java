package dev.aauth.personserver;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * First-issuance consent for draft -11 person tokens: "The PS MAY require user interaction before
 * issuing and return a 202 Accepted deferred response with requirement=interaction ... the question
 * put to the person is whether this agent may act at the resource as them, not merely whether it
 * may name them." Plain Java, thread-safe.
 *
 * <p>A person token for (person, agent, resource) is issued at once when
 *
 * <ol>
 *   <li>an autonomous policy rule names the agent and the resource (any scopes): the
 *       administrator's pre-authorization, -11 "Bootstrapping": "An organization administrator may
 *       also pre-authorize agents for the organization"; or
 *   <li>the person remembered a consent "may this agent act at this resource as you?" ({@link
 *       #SCOPE} in the {@link ConsentStore}, beside the scopes of auth-token consents);
 * </ol>
 *
 * otherwise the person is asked ({@link PolicyDecision.Interaction}): the request is deferred as
 * the auth token endpoint defers, with {@link #SCOPE} as its only scope, so that the consent pages,
 * the pending URL and "Remember" work unchanged.
 *
 * <p>{@link #SCOPE} is reserved: a resource token asking for it is refused at the token endpoints
 * ({@link #isReserved}), so an auth token is never granted by a person-token consent.
 */
public final class PersonTokenConsent {

    /**
     * The pseudo-scope of a person-token request and of its remembered consent (never in a token).
     */
    public static final String SCOPE = "aauth:person-token";

    /** The scopes of a deferred person-token request. */
    public static final List<String> SCOPES = List.of(SCOPE);

    /**
     * The stored "resource token" of a deferred person-token request: there is none (the column is
     * required, so an empty string stands for it).
     */
    static final String NO_RESOURCE_TOKEN = "";

    private final PersonServerSettings settings;
    private final ConsentStore consents;

    public PersonTokenConsent(PersonServerSettings settings, ConsentStore consents) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consents = Objects.requireNonNull(consents, "consents");
    }

    /**
     * Whether {@code person} lets {@code agent} act at {@code resource} as them now: a grant (with
     * its reason) or an interaction.
     */
    public PolicyDecision decide(String person, String agent, String resource) {
        Objects.requireNonNull(person, "person");
        for (PolicyRule rule : settings.autonomous()) {
            if (rule.matches(agent, resource)) {
                return new PolicyDecision.Grant(SCOPES, "autonomous (pre-authorized agent)");
            }
        }
        if (consents.covers(person, agent, resource, SCOPES)) {
            return new PolicyDecision.Grant(SCOPES, "remembered person-token consent");
        }
        return new PolicyDecision.Interaction(
                "no consent to act at " + resource + " as the person");
    }

    /** Whether a deferred request (or consent) with these scopes is a person-token one. */
    public static boolean isPersonToken(Collection<String> scopes) {
        return scopes.size() == 1 && scopes.contains(SCOPE);
    }

    /** Whether a deferred request is a person-token one. */
    public static boolean isPersonToken(PendingRequestView request) {
        return isPersonToken(request.scopes());
    }

    /** Whether {@code scope} is the reserved {@link #SCOPE}. */
    public static boolean isReserved(String scope) {
        return SCOPE.equals(scope);
    }
}
