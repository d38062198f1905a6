package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
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
 * Priorities#AUTHENTICATION}. The protection enforced is the annotation's, tightened by any
 * configured rule for the request's canonical path ({@link EndpointProtection}: the stricter wins).
 * A path that cannot be matched safely answers {@code 400 invalid_request}. A misconfigured
 * protection (unknown scope, no scope at all) answers {@code 500} and is logged; it never lets the
 * request through.
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
            protection = enforcer.protection(MatchedResource.of(request), request);
        } catch (AAuthException e) {
            enforcer.refuse(request, e);
            return;
        } catch (IllegalStateException e) {
            AAuthEnforcer.misconfigured(e);
            request.abortWith(Response.serverError().build());
            return;
        }
        if (protection == null) {
            // name-bound, so the matched method or its class carries the annotation; should a
            // runtime bind it elsewhere, fail closed
            AAuthEnforcer.misconfigured(
                    new IllegalStateException(
                            "no @AAuthProtected found on the endpoint of "
                                    + AAuthEnforcer.path(request)));
            request.abortWith(Response.serverError().build());
            return;
        }
        enforcer.enforce(request, protection);
    }
}
