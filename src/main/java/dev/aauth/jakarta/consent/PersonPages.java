package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.login.PersonLoginMechanism;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * In front of every person page ({@code /interaction}, {@code /login}, {@code /account}, {@code
 * /done}, the assets and the status endpoint):
 *
 * <ul>
 *   <li>{@code 404} on origins without the {@code person-server} role, as {@code RoleGateFilter}
 *       does for JAX-RS (the resources' JAX-RS paths never pass here);
 *   <li>security headers: a {@code Content-Security-Policy} allowing nothing but this origin's own
 *       scripts, styles and images, no inline script, {@code frame-ancestors 'none'}; {@code
 *       X-Frame-Options: DENY}, {@code nosniff}, {@code Referrer-Policy: same-origin} (with {@code
 *       no-referrer} browsers send {@code Origin: null} on the pages' own posts), {@code no-store};
 *   <li>CSRF, with the Faces view state: a {@code POST} whose {@code Origin} (or, without one,
 *       whose {@code Referer}) is not this origin is refused with {@code 403} before anything runs,
 *       one without a well-formed view state with {@code 400} (Faces refuses an unknown one with
 *       {@code 400} too, through {@link RestoreFailures});
 *   <li>sign-in: the pages but {@code /login} need a signed-in person; a {@code GET} is remembered
 *       and resumed after signing in (never a URL from the query: no open redirect).
 * </ul>
 */
@WebFilter(
        urlPatterns = {
            "/interaction",
            "/interaction/*",
            "/login",
            "/logout",
            "/account",
            "/done",
            "/assets/*"
        })
public class PersonPages extends HttpFilter {

    public static final String CSP = csp("");

    /**
     * The policy, with {@code form-action} also allowing {@code extraFormAction} (the origin of an
     * allowed agent callback: browsers check {@code form-action} on every redirect after a form
     * post, and the decision's post ends at the callback).
     */
    public static String csp(String extraFormAction) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
                + " form-action 'self'"
                + (extraFormAction.isEmpty() ? "" : " " + extraFormAction)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static final Set<String> OPEN_PATHS = Set.of("/login");

    @Inject AAuthConfig config;
    @Inject PersonSession session;

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!config.hasRole(Role.PERSON_SERVER)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // web.xml's request-character-encoding decides this for every request; should a container
        // ignore it, the forms are still decoded as UTF-8 (this filter is the first to read a
        // parameter, and an encoding set after that is ignored).
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        String path =
                request.getServletPath()
                        + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/assets/")) {
            response.setHeader("Cache-Control", "no-cache");
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(request.getMethod())
                && !"HEAD".equals(request.getMethod())
                && !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-origin form post refused");
            return;
        }
        if ("POST".equals(request.getMethod())
                && !path.equals("/logout")
                && !wellFormedViewState(request)) {
            ProblemServlet.invalidForm(response);
            return;
        }
        if (!OPEN_PATHS.contains(path) && signedIn(request) == null) {
            if (path.equals("/interaction/status")) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            if ("GET".equals(request.getMethod())) {
                String query = request.getQueryString();
                session.rememberAfterLogin(path + (query == null ? "" : "?" + query));
            }
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Every form of these pages is a Faces form carrying its server-side view state id; a post
     * without one that could be ours is refused before Faces parses it (a forged value would
     * otherwise end in a decoding error rather than Faces' "view expired"). The id's shape depends
     * on the Faces implementation, and the WAR runs on both: MyFaces (Open Liberty) writes standard
     * base64 ({@link #MYFACES_VIEW_STATE}), Mojarra (Payara) two signed longs joined by a colon
     * ({@link #MOJARRA_VIEW_STATE}, e.g. {@code -6966402185920907148:2109575297102305901}). Either
     * way at most {@value #MAX_VIEW_STATE} characters. Whether the id names a live view is Faces'
     * own check (an unknown one ends in {@code ViewExpiredException}: {@link RestoreFailures}).
     */
    static boolean wellFormedViewState(HttpServletRequest request) {
        String state = request.getParameter("jakarta.faces.ViewState");
        return state != null
                && state.length() <= MAX_VIEW_STATE
                && (MYFACES_VIEW_STATE.matcher(state).matches()
                        || MOJARRA_VIEW_STATE.matcher(state).matches());
    }

    static final int MAX_VIEW_STATE = 200;

    /** MyFaces' server-side state id: standard base64. */
    static final Pattern MYFACES_VIEW_STATE = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /** Mojarra's server-side state id: {@code <long>:<long>}. */
    static final Pattern MOJARRA_VIEW_STATE = Pattern.compile("-?[0-9]{1,19}:-?[0-9]{1,19}");

    /** The username of the session's person, or null. */
    public static String signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null
                        && session.getAttribute(PersonLoginMechanism.SESSION_PERSON)
                                instanceof String u
                ? u
                : null;
    }

    /**
     * "Origin" equal to this origin's issuer; without an Origin (older browsers), a Referer on this
     * origin. Neither: refused.
     */
    boolean sameOrigin(HttpServletRequest request) {
        String self = config.issuer();
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.equals(self);
        }
        String referer = request.getHeader("Referer");
        return referer != null && (referer.equals(self) || referer.startsWith(self + "/"));
    }
}
