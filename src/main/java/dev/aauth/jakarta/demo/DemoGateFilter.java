package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.EndpointGate;
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
import java.lang.reflect.Method;

/** {@code 404} for a {@link DemoApi} this origin does not serve; runs before authentication. */
@Provider
@DemoApi("")
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class DemoGateFilter implements ContainerRequestFilter, EndpointGate {

    @Inject
    AAuthConfig config;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!serves(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod())) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }

    /** A {@link DemoApi} class is served only where {@code aauth.demo.apis} lists it. */
    @Override
    public boolean serves(Class<?> resourceClass, Method resourceMethod) {
        DemoApi api = resourceClass.getAnnotation(DemoApi.class);
        return api == null || config.demoApis().contains(api.value());
    }
}
