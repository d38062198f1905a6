package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.personserver.TokenExchange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * {@code POST /aauth/revocation}, the PS {@code revocation_endpoint} ({@link TokenRevocation} does
 * the work): {@code 200} when the token was revoked or was already invalid, {@code 404} (empty
 * body) when the {@code jti} is not recognized; every answer carries {@code Cache-Control:
 * no-store}. (The path differs from the resources' {@code /aauth/revoke}: one origin may fill both
 * roles.)
 */
@Path(PersonRevocationEndpoint.PATH)
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class PersonRevocationEndpoint {

    public static final String PATH = "aauth/revocation";

    @Inject AAuthConfig config;
    @Inject TokenRevocation revocation;
    @Inject AAuthExceptionMapper errors;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response revoke(InputStream in) {
        try {
            byte[] body = TokenEndpoint.read(in);
            TokenRevocation.Outcome outcome =
                    revocation.revoke(
                            new JaxRsRequests(config.issuer(), config.securityMode())
                                    .message(
                                            "POST",
                                            uri.getRequestUri(),
                                            headers.getRequestHeaders()),
                            body);
            return Response.status(outcome == TokenRevocation.Outcome.REVOKED ? 200 : 404)
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (AAuthException e) {
            return errors.toResponse(e, TokenExchange.ACCEPT_SIGNATURE);
        }
    }
}
