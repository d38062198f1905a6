package dev.aauth.jakarta.boundary;

import dev.aauth.jakarta.config.EndpointGate;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

/**
 * A request filter that answers {@code 404} for an endpoint its {@link EndpointGate} says this
 * origin does not serve. Subclasses say which endpoints (their {@link #serves}) and carry the name
 * binding and priority (before authentication, so an origin never challenges for an endpoint it
 * lacks).
 */
public abstract class GateFilter implements ContainerRequestFilter, EndpointGate {

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceInfo resourceInfo = MatchedResource.of(request);
        if (!serves(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod())) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
