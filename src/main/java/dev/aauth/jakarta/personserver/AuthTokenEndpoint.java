package dev.aauth.jakarta.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.personserver.TokenExchange;
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
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /aauth/auth-token}, the draft -11 {@code auth_token_endpoint} ("The PS's
 * auth_token_endpoint is where agents send token requests"); {@link TokenExchange#exchange(
 * AAuthProfile, HttpRequestMessage, byte[])} does the work under -11 only, so a draft-01 resource
 * token here is refused with an error naming the draft (as a -11 one is at the -01 {@link
 * TokenEndpoint}). {@code 200 {"auth_token", "expires_in"}}, or the deferred {@code 202} with the
 * pending URL the -01 flow uses; errors as {@link Draft11Answers} shapes them; {@code
 * Cache-Control: no-store}. {@code 404} when draft-11 is not served ({@code aauth.profiles}).
 */
@Path(AuthTokenEndpoint.PATH)
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class AuthTokenEndpoint {

    public static final String PATH = "aauth/auth-token";

    @Inject AAuthConfig config;
    @Inject TokenExchange exchange;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    public Response authToken(InputStream in) {
        if (!exchange.servesDraft11()) {
            return Draft11Answers.notServed();
        }
        try {
            byte[] body = TokenEndpoint.read(in);
            HttpRequestMessage message =
                    new JaxRsRequests(config.issuer(), config.securityMode())
                            .message("POST", uri.getRequestUri(), headers.getRequestHeaders());
            TokenResponse response = exchange.exchange(AAuthProfile.DRAFT_11, message, body);
            if (response instanceof TokenResponse.Granted g) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("auth_token", g.authToken());
                json.put("expires_in", g.expiresIn());
                return Draft11Answers.ok(json);
            }
            if (response instanceof TokenResponse.Pending p) {
                return TokenEndpoint.pending(config.issuer(), config.securityMode(), p);
            }
            throw new AAuthException(AAuthError.SERVER_ERROR, "unknown response");
        } catch (AAuthException e) {
            return Draft11Answers.error(e);
        }
    }
}
