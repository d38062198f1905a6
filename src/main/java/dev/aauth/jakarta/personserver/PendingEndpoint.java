package dev.aauth.jakarta.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.error.ProblemDetails;
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
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.PROBLEM_JSON})
    public void poll(@PathParam("id") String id, @Suspended AsyncResponse async) {
        String location = location(id);
        HttpRequestMessage message = null;
        TokenExchange.Poller poller = null;
        try {
            message = message("GET");
            poller = exchange.poller(message, id);
            poller.admit();
            DeferredResponses.PollAnswer first = poller.answer();
            Optional<Duration> wait =
                    PreferWait.of(headers.getRequestHeader(PreferWait.NAME), longPolls.maxWait());
            if (first instanceof DeferredResponses.Waiting seen && wait.isPresent()) {
                AAuthExceptionMapper mapper = errors;
                TokenExchange.Poller held = poller;
                longPolls.hold(
                        async,
                        id,
                        poller,
                        seen,
                        wait.get(),
                        answer -> answer(location, answer),
                        e -> error(mapper, held.draft(), e));
                return;
            }
            async.resume(answer(location, first));
        } catch (AAuthException e) {
            async.resume(error(errors, draftOf(message, poller), e));
        }
    }

    /**
     * "Agent Response to Clarification": a {@code clarification_response} or an updated {@code
     * resource_token}; answered with the request's state as a poll would ({@code 202}), without
     * counting as a poll ("After posting, the agent resumes polling with GET").
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.PROBLEM_JSON})
    public Response respond(@PathParam("id") String id, InputStream in) {
        HttpRequestMessage message = null;
        TokenExchange.Poller poller = null;
        try {
            message = message("POST");
            byte[] body = TokenEndpoint.read(in);
            poller = exchange.poller(message, id);
            return answer(location(id), exchange.respond(poller, message, body));
        } catch (AAuthException e) {
            return error(errors, draftOf(message, poller), e);
        }
    }

    /**
     * An error at the pending URL, in the draft of the request's flow ({@link
     * TokenExchange.Poller#draft()}; before the caller is verified, the draft its signature
     * signals). -01: {@code {"error", "error_description"}} as the {@code token_endpoint} answers.
     * -11 "Polling Error Codes" in "Error Response Format": "Error response bodies use the HTTP
     * problem details format ([RFC9457]) with Content-Type: application/problem+json" ({@code
     * denied}/{@code abandoned} 403, {@code expired} 408, {@code invalid_code} 410 ("Once a
     * terminal response is returned, the pending URL MUST return 410 Gone"), {@code slow_down} 429
     * with {@code Retry-After}, {@code server_error} 500), by {@link Draft11Answers}.
     */
    static Response error(AAuthExceptionMapper errors, AAuthProfile draft, AAuthException e) {
        return draft == AAuthProfile.DRAFT_11
                ? Draft11Answers.error(e, TokenExchange.ACCEPT_SIGNATURE)
                : errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
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
            json.put(t.member(), t.granted().authToken());
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
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.PROBLEM_JSON})
    public Response cancel(@PathParam("id") String id) {
        HttpRequestMessage message = null;
        TokenExchange.Poller poller = null;
        try {
            message = message("DELETE");
            poller = exchange.poller(message, id);
            exchange.cancel(poller);
            return Response.noContent().header("Cache-Control", "no-store").build();
        } catch (AAuthException e) {
            return error(errors, draftOf(message, poller), e);
        }
    }

    /**
     * The draft an error is told in: the flow's once the caller is verified ({@code poller}), else
     * the one the request's signature signals (-01 when the request could not even be read).
     */
    private AAuthProfile draftOf(HttpRequestMessage message, TokenExchange.Poller poller) {
        if (poller != null) {
            return poller.draft();
        }
        return message == null ? AAuthProfile.DRAFT_01 : exchange.signalledDraft(message);
    }

    private String location(String id) {
        return config.issuer() + "/" + DeferredResponses.PATH + "/" + id;
    }

    private HttpRequestMessage message(String method) {
        return new JaxRsRequests(config.issuer(), config.securityMode())
                .message(method, uri.getRequestUri(), headers.getRequestHeaders());
    }
}
