package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.header.PreferWait;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.TokenExchange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/**
 * The pending URLs of the Person Server ({@code /aauth/pending/{id}}): "After receiving a 202, the
 * agent switches to GET for all subsequent requests to the Location URL"; {@code POST} carries the
 * agent's response to a clarification or an updated request; {@code DELETE} cancels. Every answer
 * carries {@code Cache-Control: no-store}. {@link DeferredResponses} does the work.
 */
@Path(DeferredResponses.PATH + "/{id}")
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class PendingEndpoint {

    @Inject AAuthConfig config;
    @Inject TokenExchange exchange;
    @Inject AAuthExceptionMapper errors;
    @Inject LongPolls longPolls;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    /**
     * The agent's poll. With {@code Prefer: wait=N} ({@link PreferWait}, at most {@code
     * aauth.person-server.max-wait}) a poll whose answer would be "still waiting" is held by {@link
     * LongPolls} until the state changes or the wait is over; the request thread is released at
     * once.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public void poll(@PathParam("id") String id, @Suspended AsyncResponse async) {
        String location = location(id);
        try {
            TokenExchange.Poller poller = exchange.poller(message("GET"), id);
            poller.admit();
            DeferredResponses.PollAnswer first = poller.answer();
            Optional<Duration> wait =
                    PreferWait.of(headers.getRequestHeader(PreferWait.NAME), longPolls.maxWait());
            if (first instanceof DeferredResponses.Waiting seen && wait.isPresent()) {
                AAuthExceptionMapper mapper = errors;
                longPolls.hold(
                        async,
                        id,
                        poller,
                        seen,
                        wait.get(),
                        answer -> answer(location, answer),
                        e -> mapper.toResponse(e, TokenExchange.ACCEPT_SIGNATURE));
                return;
            }
            async.resume(answer(location, first));
        } catch (AAuthException e) {
            async.resume(errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE));
        }
    }

    /**
     * "Agent Response to Clarification": a {@code clarification_response} or an updated {@code
     * resource_token}; answered with the request's state as a poll would ({@code 202}), without
     * counting as a poll ("After posting, the agent resumes polling with GET").
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response respond(@PathParam("id") String id, InputStream in) {
        try {
            byte[] body = TokenEndpoint.read(in);
            return answer(location(id), exchange.respond(message("POST"), id, body));
        } catch (AAuthException e) {
            return errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
        }
    }

    /**
     * The answer of a poll that is not an error. A waiting one is the draft's "Pending Response":
     * {@code 202}, {@code Location} (the pending URL), {@code Retry-After} (seconds until this
     * agent's next poll is admitted), {@code Cache-Control: no-store}, {@code {"status": ...}};
     * with an open question of the person, "Clarification Required": {@code AAuth-Requirement:
     * requirement=clarification} and {@code {"status", "clarification", "timeout"}}.
     */
    static Response answer(String location, DeferredResponses.PollAnswer answer) {
        if (answer instanceof DeferredResponses.Token t) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("auth_token", t.granted().authToken());
            json.put("expires_in", t.granted().expiresIn());
            return Response.ok(JsonUtil.toJson(json)).header("Cache-Control", "no-store").build();
        }
        DeferredResponses.Waiting w = (DeferredResponses.Waiting) answer;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", w.status());
        Response.ResponseBuilder r =
                Response.status(Response.Status.ACCEPTED)
                        .header("Location", location)
                        .header("Retry-After", Long.toString(w.retryAfter()))
                        .header("Cache-Control", "no-store");
        if (w.asksClarification()) {
            r.header(AAuthRequirement.NAME, AAuthRequirement.clarification().serialize());
            json.put("clarification", w.clarification());
            json.put("timeout", w.timeout());
        }
        return r.type(MediaType.APPLICATION_JSON).entity(JsonUtil.toJson(json)).build();
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

    private String location(String id) {
        return config.issuer() + "/" + DeferredResponses.PATH + "/" + id;
    }

    private HttpRequestMessage message(String method) {
        return new JaxRsRequests(config.issuer(), config.securityMode())
                .message(method, uri.getRequestUri(), headers.getRequestHeaders());
    }
}
