package dev.aauth.jakarta.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default error page (web.xml {@code <error-page>} without code or type): every error the
 * container answers itself ({@code sendError} of a filter or servlet, an exception nothing else
 * maps) gets {@link HttpProblem}'s problem details instead of the server's HTML page, on Liberty
 * and Payara alike. The status and the headers set before stay. No {@code detail}: the error
 * message may be the container's (naming files or classes) or an exception's; an exception is
 * logged, and its answer is a bare {@code 500}, unless it was caused by a {@code 503
 * temporarily_unavailable} (the database unreachable: {@link ServiceUnavailable}), answered {@code
 * 503} with its {@code Retry-After}. Requested directly, this page is a {@code 404}.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    public static final String PATH = "/aauth/error";

    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer c && c >= 400 ? c : HttpServletResponse.SC_NOT_FOUND;
        OptionalLong retryAfter =
                error == null ? OptionalLong.empty() : ServiceUnavailable.retryAfter(error);
        if (retryAfter.isPresent()) {
            // the database unreachable (logged where it was found): 503, not 500
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
        } else if (error != null) {
            LOG.log(
                    Level.WARNING,
                    "request failed: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    error);
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(HttpProblem.PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (!"HEAD".equals(request.getMethod())) {
            response.getWriter().write(HttpProblem.json(status, null));
        }
    }
}
