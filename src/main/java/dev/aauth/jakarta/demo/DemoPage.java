package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The demo page ({@code GET /demo}) and its script and style sheet, served from the class path by
 * JAX-RS: the application is mapped at {@code /}, so JAX-RS answers every path of the origin. Files
 * only, no inline script or style, so it runs under {@code Content-Security-Policy: script-src
 * 'self'}.
 */
@Path("demo")
@RequiresRole(Role.AGENT)
@RequestScoped
public class DemoPage {

    private static final Map<String, String> FILES =
            Map.of(
                    "index.html", "text/html; charset=utf-8",
                    "demo.js", "text/javascript; charset=utf-8",
                    "demo.css", "text/css; charset=utf-8");

    @Inject AAuthConfig config;

    @GET
    public Response page() {
        return file("index.html");
    }

    @GET
    @Path("{file:demo\\.(js|css)}")
    public Response asset(@PathParam("file") String file) {
        return file(file);
    }

    /** Only where the backend agent has its supply-chain client: the person origin of the demo. */
    private Response file(String name) {
        if (config.agent().supplyChainUrl().isEmpty()) {
            throw new NotFoundException();
        }
        return resource(name);
    }

    private static Response resource(String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = DemoPage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes(), type)
                    .header(
                            "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-cache")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
