package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.consent.PersonPagesFacade.RequestView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /done?request=<id>}, after the decision: "When present, the server redirects the user's
 * browser to the {@code callback} URL after the user completes the action. If no {@code callback}
 * parameter is provided, the server displays a completion page and the agent relies on polling".
 * The callback was checked against the agent's metadata when the code was opened; it is used once.
 * (A {@code GET} page rather than a redirect from the form post, so that {@code form-action 'self'}
 * holds.)
 */
@Named("done")
@RequestScoped
public class DonePage {

    @Inject PersonPagesFacade pages;
    @Inject SignedIn signedIn;
    @Inject PersonSession session;

    private String request;
    private String outcome = "unknown";

    public void load() throws IOException {
        Optional<RequestView> r = signedIn.personId().flatMap(p -> pages.request(request, p));
        if (r.isEmpty()) {
            return;
        }
        outcome =
                switch (r.get().status()) {
                    case "approved", "redeemed" -> "approved";
                    case "denied" -> "denied";
                    case "interacting", "pending" -> "open";
                    default -> "ended";
                };
        if (outcome.equals("open")) {
            return;
        }
        Optional<String> callback = session.takeCallback(r.get().id());
        if (callback.isPresent()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().redirect(callback.get());
            faces.responseComplete();
        }
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public String getOutcome() {
        return outcome;
    }
}
