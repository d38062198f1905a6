package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.config.AAuthConfig;
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

/** {@code 404} for a {@link DemoApi} this origin does not serve; runs before authentication. */
@Provider
@DemoApi("")
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class DemoGateFilter implements ContainerRequestFilter {

    @Inject
    AAuthConfig config;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        DemoApi api = resourceInfo.getResourceClass().getAnnotation(DemoApi.class);
        if (api != null && !config.demoApis().contains(api.value())) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
