package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.TokenExchange;
import dev.aauth.personserver.TokenRequest;
import dev.aauth.personserver.TokenResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code POST /aauth/token}, the PS {@code token_endpoint} ({@link TokenExchange} does the work).
 * Responses carry {@code Cache-Control: no-store}. The body is read up to {@link
 * TokenRequest#MAX_BODY_BYTES}; a larger one is {@code 400 invalid_request} (the table's code for a
 * malformed request) and is never buffered whole.
 */
@Path(TokenEndpoint.PATH)
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class TokenEndpoint {

    public static final String PATH = "aauth/token";

    /** The PS interaction page, where the person goes with the code (served by the consent UI). */
    public static final String INTERACTION_PATH = "interaction";

    @Inject AAuthConfig config;
    @Inject TokenExchange exchange;
    @Inject AAuthExceptionMapper errors;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(InputStream in) {
        try {
            byte[] body = read(in);
            HttpRequestMessage message =
                    new JaxRsRequests(config.issuer(), config.securityMode())
                            .message("POST", uri.getRequestUri(), headers.getRequestHeaders());
            TokenResponse response = exchange.exchange(message, body);
            if (response instanceof TokenResponse.Granted g) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("auth_token", g.authToken());
                json.put("expires_in", g.expiresIn());
                return Response.ok(JsonUtil.toJson(json))
                        .header("Cache-Control", "no-store")
                        .build();
            }
            if (response instanceof TokenResponse.Pending p) {
                return pending(config.issuer(), config.securityMode(), p);
            }
            throw new AAuthException(AAuthError.SERVER_ERROR, "unknown response");
        } catch (AAuthException e) {
            return errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
        }
    }

    /**
     * "User interaction required response (202)": {@code Location} (the pending URL, "on the same
     * origin as the responding server"), {@code Retry-After}, {@code Cache-Control: no-store},
     * {@code AAuth-Requirement: requirement=interaction; url=...; code=...} and {@code
     * {"status":"pending"}}. The interaction page is {@code {issuer}/interaction}.
     */
    static Response pending(String issuer, SecurityMode mode, TokenResponse.Pending p) {
        return Response.status(Response.Status.ACCEPTED)
                .header("Location", issuer + "/" + DeferredResponses.PATH + "/" + p.id())
                .header("Retry-After", Long.toString(p.retryAfter()))
                .header("Cache-Control", "no-store")
                .header(
                        AAuthRequirement.NAME,
                        AAuthRequirement.InteractionRequired.of(
                                        issuer + "/" + INTERACTION_PATH, p.code(), mode)
                                .serialize())
                .type(MediaType.APPLICATION_JSON)
                .entity(JsonUtil.toJson(Map.of("status", "pending")))
                .build();
    }

    /**
     * Reads a request body of at most {@link TokenRequest#MAX_BODY_BYTES}; a larger one is {@code
     * invalid_request}.
     */
    static byte[] read(InputStream in) {
        try {
            byte[] body = in.readNBytes(TokenRequest.MAX_BODY_BYTES + 1);
            if (body.length > TokenRequest.MAX_BODY_BYTES) {
                throw new AAuthException(
                        AAuthError.INVALID_REQUEST,
                        "the body is larger than " + TokenRequest.MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body could not be read");
        }
    }
}
