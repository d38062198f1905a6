package dev.aauth.jakarta.consent;

import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.personserver.PersonRevocations;
import dev.aauth.jakarta.store.AgentBinding;
import dev.aauth.jakarta.store.AgentBindings;
import dev.aauth.jakarta.store.Consent;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Decision;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.personserver.PersonTokenConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one door of the person pages (Faces beans and the status servlet) to the store and the Person
 * Server: they get view records from here, each agent-supplied string already made inert, and never
 * see an entity. {@link ConsentService} (the atomic transitions), {@link Parties} (verified
 * metadata) and {@link PersonRevocations} stay behind it.
 */
@ApplicationScoped
public class PersonPagesFacade {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final int RECENT = 20;

    @Inject ConsentService consent;
    @Inject Parties parties;
    @Inject AgentBindings bindings;
    @Inject Consents consents;
    @Inject Decisions decisions;
    @Inject PersonRevocations revocations;

    // ---------------------------------------------------------------- views

    /**
     * Where a pending request of the person stands: its status (lower case, as the {@code 202} body
     * shows it), whether the person can still decide, the scopes asked for, the clarification.
     */
    public record RequestView(
            String id,
            String status,
            boolean decidable,
            Set<String> scopes,
            boolean awaitingAnswer,
            int clarificationRounds,
            int roundsLeft,
            Optional<String> answer)
            implements Serializable {}

    /** The scope checkboxes: name and its description from the resource's metadata. */
    public record ScopeItem(String name, String description) implements Serializable {}

    /** Everything the consent screen shows, each agent-supplied string already made inert. */
    public record ConsentView(
            String requestId,
            String agentId,
            String agentLocal,
            String providerHost,
            String providerName,
            boolean providerVerified,
            boolean newToYou,
            String resource,
            String resourceName,
            boolean resourceVerified,
            List<ScopeItem> scopes,
            String justificationHtml,
            String platform,
            String device,
            String expires,
            String question,
            String answer,
            boolean awaitingAnswer,
            int roundsLeft,
            Set<String> shownScopes,
            boolean personToken)
            implements Serializable {}

    /**
     * What opening a code gave: the request's id, and the callback if the agent's metadata allows
     * it.
     */
    public record Opening(
            ConsentService.Opened outcome, Optional<String> requestId, Optional<String> callback) {}

    /** The account page: connected agents, remembered consents, open requests, recent decisions. */
    public record AccountView(
            List<AgentRow> agents,
            List<ConsentRow> consents,
            List<PendingRow> pending,
            List<DecisionRow> recent)
            implements Serializable {
        static final AccountView EMPTY =
                new AccountView(List.of(), List.of(), List.of(), List.of());
    }

    public record AgentRow(String agentId, String providerName, String firstUse, String lastUse)
            implements Serializable {}

    public record ConsentRow(
            String id,
            String agentId,
            String resource,
            String resourceName,
            String scopes,
            String since)
            implements Serializable {}

    public record PendingRow(
            String id,
            String agentId,
            String resource,
            String scopes,
            String status,
            String expires)
            implements Serializable {}

    public record DecisionRow(
            String when,
            String agentId,
            String resource,
            String scopes,
            String outcome,
            String reason)
            implements Serializable {}

    /**
     * How the page names an agent: the local part and the provider's domain of its identifier,
     * parsed by {@link AgentIdentifier}. The identifier was verified when the request arrived;
     * DEVELOPMENT accepts every form STRICT does and the loopback ones, so any stored identifier
     * parses; one that does not is shown whole, with no host.
     */
    record AgentName(String local, String host) {
        static AgentName of(String agentId) {
            if (agentId != null && AgentIdentifier.isValid(agentId, SecurityMode.DEVELOPMENT)) {
                AgentIdentifier id = AgentIdentifier.parse(agentId, SecurityMode.DEVELOPMENT);
                return new AgentName(
                        UntrustedText.line(id.local(), 300), UntrustedText.line(id.domain(), 300));
            }
            return new AgentName(UntrustedText.line(agentId, 300), "");
        }
    }

    // ---------------------------------------------------------------- person

    /** The signed-in person's store id. */
    public Optional<String> personId(String username) {
        return consent.personId(username);
    }

    // ---------------------------------------------------------------- interaction

    /**
     * Redeems a code for the person ({@link ConsentService#open(String, String)}); a {@code
     * callback} is returned only if the agent provider's metadata allows it ({@link
     * CallbackPolicy}).
     */
    public Opening open(String code, String personId, String callback) {
        ConsentService.OpenResult opened = consent.open(code, personId);
        if (opened.outcome() != ConsentService.Opened.OPENED) {
            return new Opening(opened.outcome(), Optional.empty(), Optional.empty());
        }
        PendingRequest r = opened.request().orElseThrow();
        return new Opening(opened.outcome(), Optional.of(r.id()), allowedCallback(r, callback));
    }

    private Optional<String> allowedCallback(PendingRequest r, String callback) {
        if (callback == null || callback.isBlank()) {
            return Optional.empty();
        }
        Optional<Parties.Provider> provider = parties.provider(r.agentId());
        if (provider.isPresent()
                && CallbackPolicy.allows(
                        callback,
                        provider.get().callbackEndpoint(),
                        provider.get().localhostCallbackAllowed())) {
            return Optional.of(callback);
        }
        return Optional.empty();
    }

    /** The person's request, if it is theirs (never another person's). */
    public Optional<RequestView> request(String requestId, String personId) {
        return consent.find(requestId, personId).map(PersonPagesFacade::requestView);
    }

    private static RequestView requestView(PendingRequest r) {
        return new RequestView(
                r.id(),
                r.status().value(),
                ConsentService.decidable(r),
                Set.copyOf(r.scopes()),
                r.awaitsClarificationResponse(),
                r.clarificationRounds(),
                PendingRequests.MAX_CLARIFICATION_ROUNDS - r.clarificationRounds(),
                r.clarificationResponse().map(a -> UntrustedText.clean(a, SafeMarkdown.MAX_CHARS)));
    }

    /** The consent screen of the person's request, while it can be decided. */
    public Optional<ConsentView> consentScreen(String requestId, String personId) {
        return consent.find(requestId, personId)
                .filter(ConsentService::decidable)
                .map(r -> consentView(r, personId));
    }

    ConsentView consentView(PendingRequest r, String personId) {
        Optional<Parties.Provider> provider = parties.provider(r.agentId());
        Optional<Parties.Resource> resource = parties.resource(r.resource());
        Map<String, String> descriptions =
                resource.map(Parties.Resource::scopeDescriptions).orElse(Map.of());
        List<ScopeItem> scopes = new ArrayList<>();
        boolean personToken = PersonTokenConsent.isPersonToken(r.scopes());
        for (String s : new TreeSet<>(r.scopes())) {
            String d = descriptions.get(s);
            scopes.add(
                    new ScopeItem(
                            UntrustedText.line(s, 100),
                            personToken
                                    ? ACT_AS_YOU
                                    : d == null ? identityScope(s) : UntrustedText.line(d, 200)));
        }
        AgentName name = AgentName.of(r.agentId());
        int rounds = PendingRequests.MAX_CLARIFICATION_ROUNDS - r.clarificationRounds();
        return new ConsentView(
                r.id(),
                UntrustedText.line(r.agentId(), 300),
                name.local(),
                name.host(),
                provider.flatMap(Parties.Provider::clientName).orElse(null),
                provider.isPresent(),
                consent.isNewTo(r.agentId(), personId),
                UntrustedText.line(r.resource(), 300),
                resource.flatMap(Parties.Resource::clientName).orElse(null),
                resource.isPresent(),
                scopes,
                SafeMarkdown.toHtml(r.justification().orElse(null)),
                r.platform().map(p -> UntrustedText.line(p, 64)).orElse(null),
                r.device().map(d -> UntrustedText.line(d, 64)).orElse(null),
                TIME.format(r.expiresAt()),
                r.clarification()
                        .map(q -> UntrustedText.clean(q, ConsentService.MAX_QUESTION))
                        .orElse(null),
                r.clarificationResponse()
                        .map(a -> UntrustedText.clean(a, SafeMarkdown.MAX_CHARS))
                        .orElse(null),
                r.awaitsClarificationResponse(),
                rounds,
                new LinkedHashSet<>(r.scopes()),
                personToken);
    }

    /**
     * What a -11 person-token request asks ({@link PersonTokenConsent}): "the question put to the
     * person is whether this agent may act at the resource as them, not merely whether it may name
     * them".
     */
    static final String ACT_HERE_AS_YOU = "act here as you (person token)";

    static final String ACT_AS_YOU =
            "Act at this resource as you (it is told who you are there, and may act on that alone)";

    private static String identityScope(String scope) {
        return switch (scope) {
            case "openid" -> "Know who you are (a pseudonymous identifier)";
            case "profile" -> "Your name";
            case "email" -> "Your email address";
            default -> "(no description from the resource)";
        };
    }

    /** The outcome of {@link #approve}. */
    public enum Approval {
        APPROVED,
        /** Nothing granted, or scopes the request does not have. */
        INVALID_SCOPES,
        /** The request's scopes are not those the person was shown. */
        CHANGED,
        /** The request was decided, cancelled, changed or expired meanwhile. */
        TOO_LATE
    }

    /**
     * Approves {@code granted} of the request whose scopes the person was shown as {@code shown}
     * ({@link ConsentService#approve}); if the agent changed them meanwhile, nothing is approved.
     */
    public Approval approve(
            String requestId,
            String personId,
            Set<String> shown,
            Set<String> granted,
            boolean remember) {
        Optional<PendingRequest> r =
                consent.find(requestId, personId).filter(ConsentService::decidable);
        if (r.isEmpty()) {
            return Approval.TOO_LATE;
        }
        if (!r.get().scopes().equals(shown)) {
            return Approval.CHANGED;
        }
        return switch (consent.approve(r.get(), personId, granted, remember)) {
            case APPROVED -> Approval.APPROVED;
            case INVALID_SCOPES -> Approval.INVALID_SCOPES;
            case TOO_LATE -> Approval.TOO_LATE;
        };
    }

    public boolean deny(String requestId, String personId) {
        return consent.deny(requestId, personId);
    }

    public boolean ask(String requestId, String personId, String question) {
        return consent.ask(requestId, personId, question);
    }

    // ---------------------------------------------------------------- account

    /** The account page of the person. */
    public AccountView account(String id) {
        List<AgentRow> a = new ArrayList<>();
        for (AgentBinding b : bindings.forPerson(id)) {
            Optional<Decision> last = decisions.recentForAgent(b.agentId(), 1).stream().findFirst();
            a.add(
                    new AgentRow(
                            text(b.agentId()),
                            parties.provider(b.agentId())
                                    .flatMap(Parties.Provider::clientName)
                                    .orElse("(name not verified)"),
                            WHEN.format(b.createdAt()),
                            last.map(d -> WHEN.format(d.decidedAt())).orElse("never")));
        }
        Map<String, String> names = new HashMap<>();
        List<ConsentRow> c = new ArrayList<>();
        for (Consent given : consents.activeForPerson(id)) {
            String name =
                    names.computeIfAbsent(
                            given.resource(),
                            r ->
                                    parties.resource(r)
                                            .flatMap(Parties.Resource::clientName)
                                            .orElse(text(r)));
            c.add(
                    new ConsentRow(
                            given.id(),
                            text(given.agentId()),
                            text(given.resource()),
                            name,
                            scopes(given.scopes()),
                            WHEN.format(given.createdAt())));
        }
        List<PendingRow> p = new ArrayList<>();
        for (PendingRequest r : consent.open(id)) {
            p.add(
                    new PendingRow(
                            r.id(),
                            text(r.agentId()),
                            text(r.resource()),
                            scopes(r.scopes()),
                            r.status().value(),
                            WHEN.format(r.expiresAt())));
        }
        List<DecisionRow> d = new ArrayList<>();
        for (Decision decision : decisions.recentForPerson(id, RECENT)) {
            d.add(
                    new DecisionRow(
                            WHEN.format(decision.decidedAt()),
                            text(decision.agentId()),
                            text(decision.resource()),
                            scopes(decision.scopes()),
                            decision.outcome().name().toLowerCase(Locale.ROOT),
                            UntrustedText.line(decision.reason(), 200)));
        }
        return new AccountView(a, c, p, d);
    }

    /** Revokes one of the person's remembered consents; false if it was already revoked. */
    public boolean revokeConsent(String personId, String consentId) {
        return revocations.revokeConsent(personId, consentId);
    }

    /**
     * Revokes everything the person allowed the agent shown as {@code shownAgentId} (the row's
     * cleaned id: the real one is looked up among the person's own agents only); the number of
     * consents revoked, empty if the agent is not one of theirs.
     */
    public Optional<Integer> revokeAgent(String personId, String shownAgentId) {
        return bindings.forPerson(personId).stream()
                .filter(b -> text(b.agentId()).equals(shownAgentId))
                .findFirst()
                .map(b -> revocations.revokeAgent(personId, b.agentId()));
    }

    private static String text(String s) {
        return UntrustedText.line(s, 300);
    }

    /**
     * The scopes as one line; a -11 person-token consent or request reads "act here as you" ({@link
     * PersonTokenConsent#SCOPE} is never shown raw).
     */
    static String scopes(Collection<String> scopes) {
        if (PersonTokenConsent.isPersonToken(scopes)) {
            return ACT_HERE_AS_YOU;
        }
        return UntrustedText.line(String.join(" ", new TreeSet<>(scopes)), 500);
    }
}
