package dev.aauth.jakarta.consent;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The pages' one stylesheet and one script, from {@code WEB-INF/assets} (the JAX-RS application
 * holds {@code /*}, so static files need a servlet of their own). Only the listed files.
 */
@WebServlet("/assets/*")
public class AssetServlet extends HttpServlet {

    static final Map<String, String> FILES =
            Map.of(
                    "/consent.css",
                    "text/css;charset=UTF-8",
                    "/consent.js",
                    "text/javascript;charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String file = request.getPathInfo();
        String type = file == null ? null : FILES.get(file);
        InputStream in =
                type == null
                        ? null
                        : getServletContext().getResourceAsStream("/WEB-INF/assets" + file);
        if (in == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (in) {
            response.setContentType(type);
            in.transferTo(response.getOutputStream());
        }
    }
}
