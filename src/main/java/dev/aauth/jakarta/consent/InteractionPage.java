package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.consent.PersonPagesFacade.Approval;
import dev.aauth.jakarta.consent.PersonPagesFacade.ConsentView;
import dev.aauth.jakarta.consent.PersonPagesFacade.RequestView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code {issuer}/interaction}: "The agent constructs the user-facing URL as {@code
 * {url}?code={code}}". With {@code ?code=} the code is redeemed at once (it works once, binds the
 * request to the signed-in person, turns it {@code interacting}) and the browser is sent on to
 * {@code ?request=<id>}, so a reload never re-uses the code; a plain visit shows a form to type the
 * code (shown on another device). {@code ?request=<id>} shows the consent screen of one of the
 * person's own requests. A {@code callback} that the agent provider's metadata allows ({@link
 * CallbackPolicy}) is kept in the {@link PersonSession} for the completion page.
 */
@Named("interaction")
@ViewScoped
public class InteractionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject PersonPagesFacade pages;
    @Inject SignedIn signedIn;
    @Inject PersonSession session;

    // view parameters
    private String code;
    private String callback;
    private String request;

    // what the page shows
    private String state = "enter";
    private String problemTitle;
    private String problemText;
    private ConsentView view;
    private List<String> selected = new ArrayList<>();
    private boolean remember = true;
    private String question;

    public void load() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces.isPostback()) {
            return;
        }
        Optional<String> person = signedIn.personId();
        if (person.isEmpty()) {
            problem("You are not signed in", "Sign in and open the link again.");
            return;
        }
        if (code != null && !code.isBlank()) {
            PersonPagesFacade.Opening opened = pages.open(code, person.get(), callback);
            switch (opened.outcome()) {
                case OPENED -> {
                    String id = opened.requestId().orElseThrow();
                    opened.callback().ifPresent(c -> session.rememberCallback(id, c));
                    ExternalContext ext = faces.getExternalContext();
                    ext.redirect(
                            ext.getRequestContextPath()
                                    + "/interaction?request="
                                    + URLEncoder.encode(id, StandardCharsets.UTF_8));
                    faces.responseComplete();
                }
                case UNKNOWN ->
                        problem(
                                "This code is not known",
                                "Check the code and type it again. Codes look like ABCD-2345.");
                case USED ->
                        problem(
                                "This code was already used",
                                "A code works only once. If you did not open it yourself, deny the request from your account page.");
                case EXPIRED -> problem("This code has expired", "Ask the agent to start again.");
                case NOT_YOURS ->
                        problem(
                                "This request is not yours",
                                "The agent that made it belongs to another person.");
                case THROTTLED ->
                        problem(
                                "Too many unknown codes",
                                "Wait a minute, then check the code and type it again.");
            }
            return;
        }
        if (request != null) {
            show(person.get());
        }
    }

    private void show(String personId) {
        Optional<RequestView> found = pages.request(request, personId);
        if (found.isEmpty()) {
            problem(
                    "There is no such request",
                    "It may have ended, or it belongs to someone else.");
            return;
        }
        Optional<ConsentView> screen =
                found.get().decidable() ? pages.consentScreen(request, personId) : Optional.empty();
        if (screen.isEmpty()) {
            state = "closed";
            problemTitle =
                    switch (found.get().status()) {
                        case "approved", "redeemed" -> "You approved this request";
                        case "denied" -> "You denied this request";
                        case "cancelled" -> "The agent withdrew this request";
                        default -> "This request has ended";
                    };
            problemText = "There is nothing left to decide.";
            return;
        }
        view = screen.get();
        selected = new ArrayList<>(new TreeSet<>(view.shownScopes()));
        state = "consent";
        allowCallbackRedirect(view.requestId());
    }

    /**
     * The decision's post ends at the agent's callback: let this page's forms go there ({@link
     * PersonPages#csp}).
     */
    private void allowCallbackRedirect(String requestId) {
        Optional<String> callback = session.callback(requestId);
        if (callback.isPresent()) {
            java.net.URI uri = java.net.URI.create(callback.get());
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            ((jakarta.servlet.http.HttpServletResponse)
                            FacesContext.getCurrentInstance().getExternalContext().getResponse())
                    .setHeader("Content-Security-Policy", PersonPages.csp(origin));
        }
    }

    private void problem(String title, String text) {
        state = "problem";
        problemTitle = title;
        problemText = text;
    }

    // ---------------------------------------------------------------- actions

    /** The code form: redeem what the person typed. */
    public void enterCode() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ext = faces.getExternalContext();
        ext.redirect(
                ext.getRequestContextPath()
                        + "/interaction?code="
                        + URLEncoder.encode(
                                code == null ? "" : code.strip(), StandardCharsets.UTF_8));
        faces.responseComplete();
    }

    public void approve() throws IOException {
        Optional<RequestView> r = current();
        if (r.isEmpty()) {
            return;
        }
        String id = r.get().id();
        allowCallbackRedirect(id);
        Set<String> granted = new LinkedHashSet<>(selected == null ? List.of() : selected);
        Approval approval =
                r.get().scopes().equals(view.shownScopes())
                        ? pages.approve(
                                id,
                                signedIn.personId().orElseThrow(),
                                view.shownScopes(),
                                granted,
                                remember)
                        : Approval.CHANGED;
        switch (approval) {
            case APPROVED, TOO_LATE -> done(id);
            case CHANGED -> {
                message("The agent changed its request. Look at it again before you decide.");
                show(signedIn.personId().orElseThrow());
            }
            case INVALID_SCOPES ->
                    message("Choose at least one of the permissions, or deny the request.");
        }
    }

    public void deny() throws IOException {
        Optional<RequestView> r = current();
        if (r.isPresent()) {
            pages.deny(r.get().id(), signedIn.personId().orElseThrow());
            done(r.get().id());
        }
    }

    public void ask() {
        Optional<RequestView> r = current();
        if (r.isEmpty()) {
            return;
        }
        if (!pages.ask(r.get().id(), signedIn.personId().orElseThrow(), question)) {
            message(
                    r.get().awaitingAnswer()
                            ? "Wait for the agent's answer before you ask again."
                            : r.get().roundsLeft() <= 0
                                    ? "You have asked as many questions as allowed for this request."
                                    : "Type a question of at most "
                                            + ConsentService.MAX_QUESTION
                                            + " characters.");
            return;
        }
        question = null;
        show(signedIn.personId().orElseThrow());
    }

    private Optional<RequestView> current() {
        Optional<String> person = signedIn.personId();
        Optional<RequestView> r =
                view == null || person.isEmpty()
                        ? Optional.empty()
                        : pages.request(view.requestId(), person.get());
        if (r.isEmpty() || !r.get().decidable()) {
            problem("This request has ended", "There is nothing left to decide.");
            view = null;
            return Optional.empty();
        }
        return r;
    }

    private void done(String id) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ext = faces.getExternalContext();
        ext.redirect(
                ext.getRequestContextPath()
                        + "/done?request="
                        + URLEncoder.encode(id, StandardCharsets.UTF_8));
        faces.responseComplete();
    }

    private static void message(String text) {
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    // ---------------------------------------------------------------- properties

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getCallback() {
        return callback;
    }

    public void setCallback(String callback) {
        this.callback = callback;
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public String getState() {
        return state;
    }

    public String getProblemTitle() {
        return problemTitle;
    }

    public String getProblemText() {
        return problemText;
    }

    public ConsentView getView() {
        return view;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected;
    }

    public boolean isRemember() {
        return remember;
    }

    public void setRemember(boolean remember) {
        this.remember = remember;
    }

    public String getQuestion() {
        return question;
    }

    public void setQuestion(String question) {
        this.question = question;
    }

    public boolean isAwaitingOrAnswered() {
        return view != null && view.question() != null;
    }
}
