package dev.aauth.jakarta.config;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /}: what this origin is and where to go from here, for a person who opens the origin
 * in a browser. Each role adds its links: the Person Server the account page and its metadata, the
 * Agent Provider its metadata, an agent origin with the demo its demo page, a resource its name,
 * scopes, demo APIs and metadata; every origin its JWKS, configuration and health. No secrets: only
 * what the metadata documents and {@code /aauth/info} already publish.
 */
@Path("")
@RequestScoped
public class LandingPage {

    /** A link on the page: where it goes and what it is. */
    record Link(String href, String text) {}

    @Inject AAuthConfig config;
    @Inject ResourceDescription resource;

    /** No script, style, frame or other origin: the page is text and links. */
    static final String CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page() {
        return Response.ok(render(config, resource))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The links this origin's roles offer, in the order the page shows them. */
    static List<Link> links(AAuthConfig config) {
        List<Link> links = new ArrayList<>();
        if (config.agent().supplyChainUrl().isPresent() && config.hasRole(Role.AGENT)) {
            links.add(new Link("/demo", "The seed demo: an agent asks for access, you consent"));
        }
        if (config.hasRole(Role.PERSON_SERVER)) {
            links.add(new Link("/account", "Your account: agents, consents and decisions"));
            links.add(
                    new Link(
                            "/.well-known/aauth-person.json",
                            "Person Server metadata (aauth-person.json)"));
        }
        if (config.hasRole(Role.AGENT_PROVIDER)) {
            links.add(
                    new Link(
                            "/.well-known/aauth-agent.json",
                            "Agent Provider metadata (aauth-agent.json)"));
        }
        if (config.hasRole(Role.RESOURCE)) {
            links.add(
                    new Link(
                            "/.well-known/aauth-resource.json",
                            "Resource metadata (aauth-resource.json)"));
        }
        if (config.hasRole(Role.RESOURCE)
                || config.hasRole(Role.AGENT_PROVIDER)
                || config.hasRole(Role.PERSON_SERVER)) {
            links.add(new Link("/aauth/jwks.json", "This origin's signing keys (JWKS)"));
        }
        links.add(new Link("/aauth/info", "What this origin was configured as"));
        links.add(new Link("/health", "Health (MicroProfile Health)"));
        return links;
    }

    static String render(AAuthConfig config, ResourceDescription description) {
        StringBuilder html = new StringBuilder(2048);
        String roles =
                config.roles().isEmpty()
                        ? "no roles"
                        : String.join(", ", config.roles().stream().map(Role::configName).toList());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>AAuth: ")
                .append(escape(config.issuer()))
                .append("</title></head><body>\n<h1>AAuth origin ")
                .append(escape(config.issuer()))
                .append("</h1>\n<p>Roles: ")
                .append(escape(roles))
                .append(". Security mode: ")
                .append(escape(config.securityMode().name()))
                .append(".</p>\n");
        if (config.hasRole(Role.RESOURCE)) {
            ResourceDescription resource = description;
            html.append("<h2>Resource");
            resource.clientName().ifPresent(name -> html.append(": ").append(escape(name)));
            html.append("</h2>\n");
            if (!config.demoApis().isEmpty()) {
                html.append("<p>Demo APIs: ")
                        .append(escape(String.join(", ", config.demoApis())))
                        .append("</p>\n");
            }
            if (!resource.scopeDescriptions().isEmpty()) {
                html.append("<dl>\n");
                for (Map.Entry<String, String> scope : resource.scopeDescriptions().entrySet()) {
                    html.append("<dt>")
                            .append(escape(scope.getKey()))
                            .append("</dt><dd>")
                            .append(escape(scope.getValue()))
                            .append("</dd>\n");
                }
                html.append("</dl>\n");
            }
        }
        html.append("<ul>\n");
        for (Link link : links(config)) {
            html.append("<li><a href=\"")
                    .append(escape(link.href()))
                    .append("\">")
                    .append(escape(link.text()))
                    .append("</a></li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        return html.toString();
    }

    /** HTML text and attribute escaping of a configured value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
