package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.boundary.MatchedResource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The AAuth filter of {@link AAuthProtected} endpoints (name binding), at {@link
 * Priorities#AUTHENTICATION}. A misconfigured protection (unknown scope, no scope at all) answers
 * {@code 500} and is logged; it never lets the request through.
 */
@Provider
@AAuthProtected
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AAuthProtectedFilter implements ContainerRequestFilter {

    @Inject AAuthEnforcer enforcer;

    @Override
    public void filter(ContainerRequestContext request) {
        Protection protection;
        try {
            protection = enforcer.annotated(MatchedResource.of(request), request);
        } catch (IllegalStateException e) {
            AAuthEnforcer.misconfigured(e);
            request.abortWith(Response.serverError().build());
            return;
        }
        enforcer.enforce(request, protection);
    }
}
