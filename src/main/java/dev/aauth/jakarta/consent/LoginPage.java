package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.login.PersonLoginMechanism;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /login} and signing out: Jakarta Security's {@link SecurityContext#authenticate} with the
 * typed credential.
 */
@Named("login")
@RequestScoped
public class LoginPage {

    @Inject SecurityContext security;
    @Inject PersonSession personSession;

    private String username;
    private String password;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ext = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ext.getRequest();
        HttpServletResponse response = (HttpServletResponse) ext.getResponse();
        String typed = username == null ? "" : username.strip();
        char[] secret = password == null ? new char[0] : password.toCharArray();
        password = null;
        AuthenticationStatus status =
                security.authenticate(
                        request,
                        response,
                        AuthenticationParameters.withParams()
                                .credential(
                                        new UsernamePasswordCredential(typed, new Password(secret)))
                                .newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            String next = personSession.takeAfterLogin().orElse(null);
            ext.redirect(
                    ext.getRequestContextPath()
                            + (next != null && next.startsWith("/") && !next.startsWith("//")
                                    ? next
                                    : "/account"));
            faces.responseComplete();
            return;
        }
        Object until = request.getAttribute(PersonLoginMechanism.THROTTLED_UNTIL);
        String message =
                until instanceof Instant i
                        ? "Too many failed attempts. Try again in "
                                + Math.max(1, Duration.between(Instant.now(), i).toMinutes() + 1)
                                + " minutes."
                        : "The username or password is not right.";
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public void signOut() throws IOException, ServletException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ext = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ext.getRequest();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        ext.redirect(ext.getRequestContextPath() + "/login");
        faces.responseComplete();
    }
}
