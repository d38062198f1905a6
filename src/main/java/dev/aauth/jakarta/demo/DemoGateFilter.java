package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.boundary.GateFilter;
import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/** {@code 404} for a {@link DemoApi} this origin does not serve; runs before authentication. */
@Provider
@DemoApi("")
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class DemoGateFilter extends GateFilter {

    @Inject AAuthConfig config;

    /** A {@link DemoApi} class is served only where {@code aauth.demo.apis} lists it. */
    @Override
    public boolean serves(Class<?> resourceClass, Method resourceMethod) {
        DemoApi api = resourceClass.getAnnotation(DemoApi.class);
        return api == null || config.demoApis().contains(api.value());
    }
}
