package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.personserver.PersonTokenIssuance;
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
 * {@code POST /aauth/person-token}, the draft -11 {@code person_token_endpoint} ("Every PS MUST
 * publish a person_token_endpoint in its metadata and MUST issue person tokens from it"); {@link
 * PersonTokenIssuance} does the work under -11 only. {@code 200 {"person_token", "expires_in"}},
 * or, when the person must be asked first, the deferred {@code 202} of the auth token endpoint
 * ({@link TokenEndpoint#pending}: pending URL, {@code AAuth-Requirement: requirement=interaction});
 * errors as {@link Draft11Answers} shapes them; {@code Cache-Control: no-store}. {@code 404} when
 * draft-11 is not served ({@code aauth.profiles}).
 */
@Path(PersonTokenEndpoint.PATH)
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class PersonTokenEndpoint {

    public static final String PATH = "aauth/person-token";

    @Inject AAuthConfig config;
    @Inject PersonTokenIssuance issuance;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    public Response personToken(InputStream in) {
        if (!issuance.served()) {
            return Draft11Answers.notServed();
        }
        try {
            byte[] body = TokenEndpoint.read(in);
            HttpRequestMessage message =
                    new JaxRsRequests(config.issuer(), config.securityMode())
                            .message("POST", uri.getRequestUri(), headers.getRequestHeaders());
            PersonTokenIssuance.Answer answer = issuance.issue(message, body);
            if (answer instanceof PersonTokenIssuance.Deferred d) {
                return TokenEndpoint.pending(config.issuer(), config.securityMode(), d.pending());
            }
            PersonTokenIssuance.Issued issued = (PersonTokenIssuance.Issued) answer;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("person_token", issued.personToken());
            json.put("expires_in", issued.expiresIn());
            return Draft11Answers.ok(json);
        } catch (AAuthException e) {
            return Draft11Answers.error(e);
        }
    }
}
