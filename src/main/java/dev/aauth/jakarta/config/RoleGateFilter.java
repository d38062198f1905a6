package dev.aauth.jakarta.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers {@code 404} for {@link RequiresRole} endpoints on origins without that role. Runs before
 * authentication, so an origin never challenges for an endpoint it does not serve.
 */
@Provider
@RequiresRole(Role.RESOURCE) // name binding: the value is read per method below
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class RoleGateFilter implements ContainerRequestFilter {

    @Inject
    AAuthConfig config;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresRole required = resourceInfo.getResourceMethod().getAnnotation(RequiresRole.class);
        if (required == null) {
            required = resourceInfo.getResourceClass().getAnnotation(RequiresRole.class);
        }
        if (required == null) {
            return;
        }
        for (Role role : required.value()) {
            if (config.hasRole(role)) {
                return;
            }
        }
        request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
    }
}
