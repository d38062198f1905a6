package dev.aauth.jakarta.consent;

import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * CallbackPolicy}) is kept in the session for the completion page.
 */
@Named("interaction")
@ViewScoped
public class InteractionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Session attribute: request id to the agent's callback, checked against its metadata. */
    public static final String CALLBACKS = "dev.aauth.callbacks";

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject ConsentService consent;
    @Inject Parties parties;
    @Inject SignedIn signedIn;

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
            Set<String> shownScopes)
            implements Serializable {}

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
            ConsentService.OpenResult opened = consent.open(code, person.get());
            switch (opened.outcome()) {
                case OPENED -> {
                    PendingRequest r = opened.request().orElseThrow();
                    rememberCallback(r);
                    ExternalContext ext = faces.getExternalContext();
                    ext.redirect(
                            ext.getRequestContextPath()
                                    + "/interaction?request="
                                    + URLEncoder.encode(r.id(), StandardCharsets.UTF_8));
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
        Optional<PendingRequest> found = consent.find(request, personId);
        if (found.isEmpty()) {
            problem(
                    "There is no such request",
                    "It may have ended, or it belongs to someone else.");
            return;
        }
        PendingRequest r = found.get();
        if (!ConsentService.decidable(r)) {
            state = "closed";
            problemTitle =
                    switch (r.status()) {
                        case APPROVED, REDEEMED -> "You approved this request";
                        case DENIED -> "You denied this request";
                        case CANCELLED -> "The agent withdrew this request";
                        default -> "This request has ended";
                    };
            problemText = "There is nothing left to decide.";
            return;
        }
        view = viewOf(r, personId);
        selected = new ArrayList<>(new TreeSet<>(r.scopes()));
        state = "consent";
        allowCallbackRedirect(r.id());
    }

    /**
     * The decision's post ends at the agent's callback: let this page's forms go there ({@link
     * PersonPages#csp}).
     */
    @SuppressWarnings("unchecked")
    private void allowCallbackRedirect(String requestId) {
        ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
        HttpSession session = (HttpSession) ext.getSession(false);
        Map<String, String> callbacks =
                session == null ? null : (Map<String, String>) session.getAttribute(CALLBACKS);
        String callback = callbacks == null ? null : callbacks.get(requestId);
        if (callback != null) {
            java.net.URI uri = java.net.URI.create(callback);
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            ((jakarta.servlet.http.HttpServletResponse) ext.getResponse())
                    .setHeader("Content-Security-Policy", PersonPages.csp(origin));
        }
    }

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

    ConsentView viewOf(PendingRequest r, String personId) {
        Optional<Parties.Provider> provider = parties.provider(r.agentId());
        Optional<Parties.Resource> resource = parties.resource(r.resource());
        Map<String, String> descriptions =
                resource.map(Parties.Resource::scopeDescriptions).orElse(Map.of());
        List<ScopeItem> scopes = new ArrayList<>();
        for (String s : new TreeSet<>(r.scopes())) {
            String d = descriptions.get(s);
            scopes.add(
                    new ScopeItem(
                            UntrustedText.line(s, 100),
                            d == null ? identityScope(s) : UntrustedText.line(d, 200)));
        }
        String agentId = UntrustedText.line(r.agentId(), 300);
        AgentName name = AgentName.of(r.agentId());
        String local = name.local();
        String host = name.host();
        int rounds = PendingRequests.MAX_CLARIFICATION_ROUNDS - r.clarificationRounds();
        return new ConsentView(
                r.id(),
                agentId,
                local,
                host,
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
                new LinkedHashSet<>(r.scopes()));
    }

    private static String identityScope(String scope) {
        return switch (scope) {
            case "openid" -> "Know who you are (a pseudonymous identifier)";
            case "profile" -> "Your name";
            case "email" -> "Your email address";
            default -> "(no description from the resource)";
        };
    }

    @SuppressWarnings("unchecked")
    private void rememberCallback(PendingRequest r) {
        if (callback == null || callback.isBlank()) {
            return;
        }
        Optional<Parties.Provider> provider = parties.provider(r.agentId());
        if (provider.isPresent()
                && CallbackPolicy.allows(
                        callback,
                        provider.get().callbackEndpoint(),
                        provider.get().localhostCallbackAllowed())) {
            HttpSession session =
                    (HttpSession)
                            FacesContext.getCurrentInstance().getExternalContext().getSession(true);
            Map<String, String> callbacks = (Map<String, String>) session.getAttribute(CALLBACKS);
            if (callbacks == null) {
                callbacks = new HashMap<>();
            }
            if (callbacks.size() < 50) {
                callbacks.put(r.id(), callback);
            }
            session.setAttribute(CALLBACKS, callbacks);
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
        Optional<PendingRequest> r = current();
        if (r.isEmpty()) {
            return;
        }
        allowCallbackRedirect(r.get().id());
        Set<String> granted = new LinkedHashSet<>(selected == null ? List.of() : selected);
        if (!r.get().scopes().equals(view.shownScopes())) {
            message("The agent changed its request. Look at it again before you decide.");
            show(signedIn.personId().orElseThrow());
            return;
        }
        switch (consent.approve(r.get(), signedIn.personId().orElseThrow(), granted, remember)) {
            case APPROVED -> done(r.get().id());
            case INVALID_SCOPES ->
                    message("Choose at least one of the permissions, or deny the request.");
            case TOO_LATE -> done(r.get().id());
        }
    }

    public void deny() throws IOException {
        Optional<PendingRequest> r = current();
        if (r.isPresent()) {
            consent.deny(r.get().id(), signedIn.personId().orElseThrow());
            done(r.get().id());
        }
    }

    public void ask() {
        Optional<PendingRequest> r = current();
        if (r.isEmpty()) {
            return;
        }
        if (!consent.ask(r.get().id(), signedIn.personId().orElseThrow(), question)) {
            message(
                    r.get().awaitsClarificationResponse()
                            ? "Wait for the agent's answer before you ask again."
                            : r.get().clarificationRounds()
                                            >= PendingRequests.MAX_CLARIFICATION_ROUNDS
                                    ? "You have asked as many questions as allowed for this request."
                                    : "Type a question of at most "
                                            + ConsentService.MAX_QUESTION
                                            + " characters.");
            return;
        }
        question = null;
        show(signedIn.personId().orElseThrow());
    }

    private Optional<PendingRequest> current() {
        Optional<String> person = signedIn.personId();
        Optional<PendingRequest> r =
                view == null || person.isEmpty()
                        ? Optional.empty()
                        : consent.find(view.requestId(), person.get());
        if (r.isEmpty() || !ConsentService.decidable(r.get())) {
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
