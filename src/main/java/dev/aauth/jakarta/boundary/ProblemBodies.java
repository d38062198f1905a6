package dev.aauth.jakarta.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;

/**
 * Every JAX-RS error answer ({@code >= 400}) without a body gets one: {@link HttpProblem}'s problem
 * details. The resources' {@code 401} auth-token challenge, the {@code 404} of a role an origin
 * lacks, a {@code 405}: without a body, Jersey (Payara) answers them with {@code sendError}, that
 * is the server's HTML error page. The status and every header stay as they were ({@code
 * WWW-Authenticate}, {@code AAuth-Requirement}, {@code Signature-Error}, {@code Accept-Signature});
 * answers that have a body (the endpoints' JSON errors, {@link AAuthExceptionMapper}) are left
 * alone.
 */
@Provider
@Priority(Priorities.USER + 1000)
public class ProblemBodies implements ContainerResponseFilter {

    static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        response.setEntity(HttpProblem.json(status, null), new Annotation[0], PROBLEM_JSON);
        if (!response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
