package dev.aauth.jakarta.boundary;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Answers {@code 404} for {@link RequiresRole} endpoints on origins without that role. Runs before
 * authentication, so an origin never challenges for an endpoint it does not serve.
 */
@Provider
@RequiresRole(Role.RESOURCE) // name binding: the value is read per method below
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class RoleGateFilter extends GateFilter {

    @Inject AAuthConfig config;

    /**
     * The method's {@link RequiresRole}, else the class's; without one the endpoint is served
     * everywhere.
     */
    @Override
    public boolean serves(Class<?> resourceClass, Method resourceMethod) {
        RequiresRole required =
                resourceMethod == null ? null : resourceMethod.getAnnotation(RequiresRole.class);
        if (required == null) {
            required = resourceClass.getAnnotation(RequiresRole.class);
        }
        if (required == null) {
            return true;
        }
        for (Role role : required.value()) {
            if (config.hasRole(role)) {
                return true;
            }
        }
        return false;
    }
}
