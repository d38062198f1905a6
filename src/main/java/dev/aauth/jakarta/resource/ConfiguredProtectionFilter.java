package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.MatchedResource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * The AAuth filter of endpoints protected by configuration only ({@code aauth.resource.protect},
 * see {@link PathRule}), at {@link Priorities#AUTHENTICATION}. Global, but it costs one check when
 * no rule is configured; endpoints that carry {@link AAuthProtected} are left to {@link
 * AAuthProtectedFilter}, which applies a matching rule itself, so no request is verified twice.
 *
 * <p>Post-matching: it runs for the resource method the JAX-RS runtime chose, and the rule is
 * decided for that request's canonical path ({@link EndpointProtection}); where the path cannot be
 * matched safely the answer is {@code 400 invalid_request}, never the unprotected method.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ConfiguredProtectionFilter implements ContainerRequestFilter {

    @Inject AAuthEnforcer enforcer;
    @Inject ResourceConfiguration config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (config.settings().protect().isEmpty()) {
            return;
        }
        ResourceInfo matched = MatchedResource.of(request);
        if (AAuthEnforcer.isAnnotated(matched)) {
            return;
        }
        Protection protection;
        try {
            protection = enforcer.protection(matched, request);
        } catch (AAuthException e) {
            enforcer.refuse(request, e);
            return;
        }
        if (protection != null) {
            enforcer.enforce(request, protection);
        }
    }
}
