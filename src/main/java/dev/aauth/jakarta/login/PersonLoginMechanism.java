package dev.aauth.jakarta.login;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The Person Server's form sign-in, a portable Jakarta Security {@link HttpAuthenticationMechanism}
 * (no server-specific API; the login page is the Faces page {@code /login}, which calls {@code
 * SecurityContext.authenticate} with the typed credential).
 *
 * <ul>
 *   <li>On origins without the {@code person-server} role it does nothing, at the cost of one field
 *       read: the resources' JAX-RS requests pay nothing else for it.
 *   <li>A credential: refused unread while {@link LoginThrottle} blocks the username or the client;
 *       otherwise checked by the identity stores. On success the session id changes (session
 *       fixation) and the session remembers the person; a failure is counted.
 *   <li>Without a credential: the person of the session, if any, is the caller.
 * </ul>
 *
 * Logging out ({@code cleanSubject}) invalidates the session.
 */
@ApplicationScoped
public class PersonLoginMechanism implements HttpAuthenticationMechanism {

    /** The session attribute holding the signed-in username. */
    public static final String SESSION_PERSON = "dev.aauth.person";

    /** Request attribute: the {@link Instant} until which the attempt was refused unread. */
    public static final String THROTTLED_UNTIL = "dev.aauth.login.throttled-until";

    @Inject AAuthConfig config;
    @Inject IdentityStoreHandler identityStores;
    @Inject LoginThrottle throttle;

    private boolean personServer;

    @PostConstruct
    void init() {
        personServer = config.hasRole(Role.PERSON_SERVER);
    }

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!personServer) {
            return context.doNothing();
        }
        Credential credential =
                context.getAuthParameters() == null
                        ? null
                        : context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential typed) {
            return signIn(request, context, typed);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_PERSON) instanceof String username) {
            return context.notifyContainerAboutLogin(
                    username, Set.of(PersonIdentityStore.PERSON_GROUP));
        }
        return context.doNothing();
    }

    private AuthenticationStatus signIn(
            HttpServletRequest request,
            HttpMessageContext context,
            UsernamePasswordCredential typed) {
        String username = typed.getCaller() == null ? "" : typed.getCaller();
        String client = request.getRemoteAddr();
        Optional<Instant> blocked = throttle.blockedUntil(username, client);
        if (blocked.isPresent()) {
            request.setAttribute(THROTTLED_UNTIL, blocked.get());
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = identityStores.validate(typed);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(username, client);
            return AuthenticationStatus.SEND_FAILURE;
        }
        throttle.succeeded(username);
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        }
        request.getSession(true)
                .setAttribute(SESSION_PERSON, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    @Override
    public void cleanSubject(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
