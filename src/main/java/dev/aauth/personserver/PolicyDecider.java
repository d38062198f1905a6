package dev.aauth.personserver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Person Server's policy for a token request (agent, resource, requested scopes), in this
 * order:
 *
 * <ol>
 *   <li>an explicit deny rule covering any requested scope: {@link PolicyDecision.Deny};
 *   <li>an always-ask scope ({@code require:user} by default) or an identity scope the PS declares
 *       ("add the person's claims ... only with the person's consent"): {@link
 *       PolicyDecision.Interaction}, whatever else holds;
 *   <li>the autonomous allow-list covering every scope (an agent acting without a person in the
 *       loop): {@link PolicyDecision.Grant};
 *   <li>a remembered consent of the agent's person covering every scope: {@link
 *       PolicyDecision.Grant};
 *   <li>otherwise, including agents bound to no person ("unknown agents go to interaction"): {@link
 *       PolicyDecision.Interaction}.
 * </ol>
 *
 * A grant is always exactly the requested scopes: never broader than the resource token's. Plain
 * Java, thread-safe.
 */
public final class PolicyDecider {

    private final PersonServerSettings settings;
    private final AgentBindings bindings;
    private final ConsentStore consents;
    private final PersonTokenConsent personTokens;

    public PolicyDecider(
            PersonServerSettings settings, AgentBindings bindings, ConsentStore consents) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bindings = Objects.requireNonNull(bindings, "bindings");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.personTokens = new PersonTokenConsent(settings, consents);
    }

    /**
     * Whether {@code person}'s agent may be issued a -11 person token for {@code resource} at once
     * ({@link PersonTokenConsent#decide}).
     */
    public PolicyDecision decidePersonToken(String person, String agent, String resource) {
        return personTokens.decide(person, agent, resource);
    }

    public PolicyDecision decide(String agent, String resource, List<String> scopes) {
        for (PolicyRule rule : settings.deny()) {
            if (rule.matches(agent, resource)) {
                for (String s : scopes) {
                    if (rule.coversScope(s)) {
                        return new PolicyDecision.Deny("deny rule for " + s);
                    }
                }
            }
        }
        for (String s : scopes) {
            if (settings.alwaysAsk().contains(s)) {
                return new PolicyDecision.Interaction("scope " + s + " always needs the person");
            }
            if (settings.scopesSupported().contains(s)) {
                return new PolicyDecision.Interaction(
                        "identity scope " + s + " needs the person's consent");
            }
        }
        for (PolicyRule rule : settings.autonomous()) {
            if (rule.matches(agent, resource) && scopes.stream().allMatch(rule::coversScope)) {
                return new PolicyDecision.Grant(scopes, "autonomous");
            }
        }
        Optional<String> person = bindings.personOf(agent);
        if (person.isEmpty()) {
            return new PolicyDecision.Interaction("agent is bound to no person");
        }
        if (consents.covers(person.get(), agent, resource, scopes)) {
            return new PolicyDecision.Grant(scopes, "remembered consent");
        }
        return new PolicyDecision.Interaction("no consent for these scopes");
    }
}
