package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie of the person pages: {@code HttpOnly}, {@code SameSite=Lax}, and {@code
 * Secure} when this origin is https (STRICT mode). Portable Servlet 6.0 API. {@code Lax} rather
 * than {@code Strict}: the person reaches the interaction URL by a cross-site top-level navigation
 * from the agent, and {@code Strict} would make them sign in every time; every state change is a
 * {@code POST}, which {@code Lax} does not send cross-site, and which the view state and the Origin
 * check protect as well.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Inject AAuthConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(config.issuer().startsWith("https://"));
        cookie.setAttribute("SameSite", "Lax");
    }
}
