package dev.aauth.jakarta.consent;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The person signed in to this request's session (the Jakarta Security mechanism put them there),
 * by username and by store id. {@link PersonPages} already sent everyone else to {@code /login}.
 */
@Named("signedIn")
@RequestScoped
public class SignedIn {

    @Inject PersonPagesFacade pages;

    private String username;
    private Optional<String> personId;

    public String username() {
        if (username == null) {
            username =
                    PersonPages.signedIn(
                            (HttpServletRequest)
                                    FacesContext.getCurrentInstance()
                                            .getExternalContext()
                                            .getRequest());
        }
        return username;
    }

    public String getUsername() {
        return username();
    }

    /** The person's store id; empty if not signed in (or the person was deleted meanwhile). */
    public Optional<String> personId() {
        if (personId == null) {
            personId = username() == null ? Optional.empty() : pages.personId(username());
        }
        return personId;
    }
}
