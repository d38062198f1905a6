package dev.aauth.jakarta.consent;

import dev.aauth.jakarta.consent.PersonPagesFacade.RequestView;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /interaction/status?request=<id>}: the consent page's script polls this to show the
 * agent's answer to the person's question without a reload. Only the signed-in person's own request
 * ({@code 404} otherwise); JSON {@code {"status", "awaiting", "answer", "rounds_left"}}, the answer
 * already neutralised ({@link UntrustedText}) and set by the script as text, never as markup.
 */
@WebServlet("/interaction/status")
public class ClarificationStatus extends HttpServlet {

    @Inject PersonPagesFacade pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String username = PersonPages.signedIn(request);
        Optional<RequestView> r =
                username == null
                        ? Optional.empty()
                        : pages.personId(username)
                                .flatMap(p -> pages.request(request.getParameter("request"), p));
        if (r.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        RequestView p = r.get();
        JsonObjectBuilder json =
                Json.createObjectBuilder()
                        .add("status", p.status())
                        .add("awaiting", p.awaitingAnswer())
                        .add("rounds_left", p.roundsLeft());
        p.answer().ifPresent(a -> json.add("answer", a));
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.build().toString());
    }
}
