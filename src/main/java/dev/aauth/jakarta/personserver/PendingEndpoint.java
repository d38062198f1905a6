package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The pending URLs of the Person Server ({@code /aauth/pending/{id}}): "After receiving a 202, the agent
 * switches to GET for all subsequent requests to the Location URL"; {@code DELETE} cancels. Every
 * answer carries {@code Cache-Control: no-store}. {@link DeferredResponses} does the work.
 */
@Path(DeferredResponses.PATH + "/{id}")
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class PendingEndpoint {

    @Inject
    AAuthConfig config;
    @Inject
    TokenExchange exchange;
    @Inject
    AAuthExceptionMapper errors;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(@PathParam("id") String id) {
        try {
            DeferredResponses.PollAnswer answer = exchange.poll(message("GET"), id);
            if (answer instanceof DeferredResponses.Token t) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("auth_token", t.granted().authToken());
                json.put("expires_in", t.granted().expiresIn());
                return Response.ok(JsonUtil.toJson(json)).header("Cache-Control", "no-store").build();
            }
            DeferredResponses.Waiting w = (DeferredResponses.Waiting) answer;
            return Response.status(Response.Status.ACCEPTED)
                    .header("Retry-After", Long.toString(w.retryAfter()))
                    .header("Cache-Control", "no-store")
                    .entity(JsonUtil.toJson(Map.of("status", w.status())))
                    .build();
        } catch (AAuthException e) {
            return errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
        }
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        try {
            exchange.cancel(message("DELETE"), id);
            return Response.noContent().header("Cache-Control", "no-store").build();
        } catch (AAuthException e) {
            return errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
        }
    }

    private HttpRequestMessage message(String method) {
        return new JaxRsRequests(config.issuer(), config.securityMode())
                .message(method, uri.getRequestUri(), headers.getRequestHeaders());
    }

}
