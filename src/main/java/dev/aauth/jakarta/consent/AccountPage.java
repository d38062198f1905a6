package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.personserver.PersonRevocations;
import dev.aauth.jakarta.store.AgentBinding;
import dev.aauth.jakarta.store.AgentBindings;
import dev.aauth.jakarta.store.Consent;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Decision;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.PendingRequest;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code /account}: the person's connected agents (provider name, first and last use), remembered
 * consents with revoke, pending requests, recent decisions. Revoking goes through {@link
 * PersonRevocations} only, which stops new direct grants at once and revokes outstanding tokens at
 * the resources.
 */
@Named("account")
@ViewScoped
public class AccountPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int RECENT = 20;
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject SignedIn signedIn;
    @Inject AgentBindings bindings;
    @Inject Consents consents;
    @Inject Decisions decisions;
    @Inject ConsentService consent;
    @Inject Parties parties;
    @Inject PersonRevocations revocations;

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

    private List<AgentRow> agents = List.of();
    private List<ConsentRow> consentRows = List.of();
    private List<PendingRow> pending = List.of();
    private List<DecisionRow> recent = List.of();

    @PostConstruct
    void load() {
        Optional<String> person = signedIn.personId();
        if (person.isEmpty()) {
            return;
        }
        String id = person.get();
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
        agents = a;
        Map<String, String> names = new HashMap<>();
        List<ConsentRow> c = new ArrayList<>();
        for (Consent consent : consents.activeForPerson(id)) {
            String name =
                    names.computeIfAbsent(
                            consent.resource(),
                            r ->
                                    parties.resource(r)
                                            .flatMap(Parties.Resource::clientName)
                                            .orElse(text(r)));
            c.add(
                    new ConsentRow(
                            consent.id(),
                            text(consent.agentId()),
                            text(consent.resource()),
                            name,
                            scopes(consent.scopes()),
                            WHEN.format(consent.createdAt())));
        }
        consentRows = c;
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
        pending = p;
        List<DecisionRow> d = new ArrayList<>();
        for (Decision decision : decisions.recentForPerson(id, RECENT)) {
            d.add(
                    new DecisionRow(
                            WHEN.format(decision.decidedAt()),
                            text(decision.agentId()),
                            text(decision.resource()),
                            scopes(decision.scopes()),
                            decision.outcome().name().toLowerCase(java.util.Locale.ROOT),
                            UntrustedText.line(decision.reason(), 200)));
        }
        recent = d;
    }

    private static String text(String s) {
        return UntrustedText.line(s, 300);
    }

    private static String scopes(java.util.Collection<String> scopes) {
        return UntrustedText.line(String.join(" ", new TreeSet<>(scopes)), 500);
    }

    public void revokeConsent(String consentId) {
        boolean revoked =
                signedIn.personId().map(p -> revocations.revokeConsent(p, consentId)).orElse(false);
        say(
                revoked
                        ? "Consent revoked. The agent must ask you again."
                        : "That consent was already revoked.");
        load();
    }

    public void revokeAgent(String agentId) {
        Optional<String> person = signedIn.personId();
        // only an agent of this person's own list (the row's id is the cleaned one: look the real
        // one up)
        Optional<AgentBinding> binding =
                person.flatMap(
                        p ->
                                bindings.forPerson(p).stream()
                                        .filter(b -> text(b.agentId()).equals(agentId))
                                        .findFirst());
        if (binding.isPresent()) {
            int n = revocations.revokeAgent(person.get(), binding.get().agentId());
            say(
                    "Revoked everything you allowed "
                            + agentId
                            + " ("
                            + n
                            + " consent"
                            + (n == 1 ? "" : "s")
                            + ").");
        }
        load();
    }

    private static void say(String text) {
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public List<AgentRow> getAgents() {
        return agents;
    }

    public List<ConsentRow> getConsents() {
        return consentRows;
    }

    public List<PendingRow> getPending() {
        return pending;
    }

    public List<DecisionRow> getRecent() {
        return recent;
    }
}
