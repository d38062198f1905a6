package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.boundary.ServiceUnavailable;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the person pages (web.xml {@code error-page}): a short page, never a stack
 * trace. A form post without a valid view state (expired, or forged: the CSRF case) is {@code 400}
 * "this form is no longer valid"; a failure caused by the database being unreachable {@code 503}
 * "Temporarily unavailable" with {@code Retry-After}; anything else {@code 500}, logged.
 */
@WebServlet("/interaction/problem")
public class ProblemServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ProblemServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        boolean expired = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            expired |= t instanceof ViewExpiredException;
        }
        String title;
        String text;
        OptionalLong retryAfter =
                error == null ? OptionalLong.empty() : ServiceUnavailable.retryAfter(error);
        if (expired) {
            invalidForm(response);
            return;
        } else if (retryAfter.isPresent()) {
            // the database unreachable (logged where it was found): 503 with Retry-After
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            title = "Temporarily unavailable";
            text = "Nothing was changed. Please try again in a moment.";
        } else {
            if (error != null) {
                LOG.log(Level.WARNING, "person page failed", error);
            }
            response.setStatus(
                    error == null
                            ? HttpServletResponse.SC_NOT_FOUND
                            : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            title = error == null ? "Not found" : "Something went wrong";
            text =
                    error == null
                            ? "There is nothing here."
                            : "Nothing was changed. Please try again.";
        }
        write(response, title, text);
    }

    /** A form post that cannot be one of this site's: "This form is no longer valid" (400). */
    static void invalidForm(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        write(
                response,
                "This form is no longer valid",
                "It expired, or it was not sent from this page. Nothing was changed. Go back to your account and try again.");
    }

    private static void write(HttpServletResponse response, String title, String text)
            throws IOException {
        response.setHeader("Content-Security-Policy", PersonPages.CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter()
                .write(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                                + title
                                + "</title><link rel=\"stylesheet\" href=\"/assets/consent.css\"></head><body><main class=\"card\">"
                                + "<h1 id=\"problem\">"
                                + title
                                + "</h1><p>"
                                + text
                                + "</p><p><a href=\"/account\">Your account</a></p>"
                                + "</main></body></html>");
    }
}
