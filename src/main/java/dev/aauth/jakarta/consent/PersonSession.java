package dev.aauth.jakarta.consent;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the person pages keep in the person's session, in one place instead of raw session
 * attributes: the agents' callbacks, per request id, checked against the agent provider's metadata
 * when the code was opened ({@link PersonPagesFacade#open}). At most {@value #MAX_CALLBACKS} are
 * kept; a callback is used once, by the completion page. (The signed-in person is {@link
 * SignedIn}.)
 */
@SessionScoped
public class PersonSession implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MAX_CALLBACKS = 50;

    private final Map<String, String> callbacks = new HashMap<>();

    /** The page to go back to after signing in (a path on this origin, with its query). */
    private String afterLogin;

    /** Remembers the page a person not signed in asked for ({@link PersonPages}). */
    public synchronized void rememberAfterLogin(String pathAndQuery) {
        afterLogin = pathAndQuery;
    }

    /** The page to go back to after signing in, forgotten ({@link LoginPage}). */
    public synchronized Optional<String> takeAfterLogin() {
        Optional<String> next = Optional.ofNullable(afterLogin);
        afterLogin = null;
        return next;
    }

    /** Keeps the request's callback, unless {@value #MAX_CALLBACKS} are kept already. */
    public synchronized void rememberCallback(String requestId, String callback) {
        if (callbacks.size() < MAX_CALLBACKS) {
            callbacks.put(requestId, callback);
        }
    }

    /** The request's callback, kept. */
    public synchronized Optional<String> callback(String requestId) {
        return Optional.ofNullable(callbacks.get(requestId));
    }

    /** The request's callback, forgotten: it is used once. */
    public synchronized Optional<String> takeCallback(String requestId) {
        return Optional.ofNullable(callbacks.remove(requestId));
    }
}
