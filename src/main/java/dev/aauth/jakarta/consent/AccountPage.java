package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.consent.PersonPagesFacade.AccountView;
import dev.aauth.jakarta.consent.PersonPagesFacade.AgentRow;
import dev.aauth.jakarta.consent.PersonPagesFacade.ConsentRow;
import dev.aauth.jakarta.consent.PersonPagesFacade.DecisionRow;
import dev.aauth.jakarta.consent.PersonPagesFacade.PendingRow;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * {@code /account}: the person's connected agents (provider name, first and last use), remembered
 * consents with revoke, pending requests, recent decisions, all from {@link PersonPagesFacade}.
 * Revoking goes through the Person Server's revocations only, which stops new direct grants at once
 * and revokes outstanding tokens at the resources.
 */
@Named("account")
@ViewScoped
public class AccountPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject SignedIn signedIn;
    @Inject PersonPagesFacade pages;

    private AccountView account = AccountView.EMPTY;

    @PostConstruct
    void load() {
        account = signedIn.personId().map(pages::account).orElse(AccountView.EMPTY);
    }

    public void revokeConsent(String consentId) {
        boolean revoked =
                signedIn.personId().map(p -> pages.revokeConsent(p, consentId)).orElse(false);
        say(
                revoked
                        ? "Consent revoked. The agent must ask you again."
                        : "That consent was already revoked.");
        load();
    }

    public void revokeAgent(String agentId) {
        // only an agent of this person's own list (the row's id is the cleaned one: the facade
        // looks the real one up)
        Optional<Integer> revoked = signedIn.personId().flatMap(p -> pages.revokeAgent(p, agentId));
        if (revoked.isPresent()) {
            int n = revoked.get();
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
        return account.agents();
    }

    public List<ConsentRow> getConsents() {
        return account.consents();
    }

    public List<PendingRow> getPending() {
        return account.pending();
    }

    public List<DecisionRow> getRecent() {
        return account.recent();
    }
}
