package dev.aauth.jakarta.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * The resource class and method a request matched, handed from the JAX-RS runtime to this
 * application's CDI-managed filters as a request property.
 *
 * <p>Why not {@code @Context ResourceInfo} in those filters: they are {@code @ApplicationScoped}
 * CDI beans (for {@code @Inject}), and whether a JAX-RS implementation injects {@code @Context}
 * fields into a CDI-managed provider differs: RESTEasy (Open Liberty) does, Jersey (Payara 6)
 * leaves the field {@code null}. This filter is no CDI bean (no bean-defining annotation), so the
 * JAX-RS runtime itself creates it and injects its {@code ResourceInfo}, as every implementation
 * must; it runs first (post-matching, before any other filter of this application) and records what
 * it sees.
 */
@Provider
@Priority(MatchedResource.PRIORITY)
public final class MatchedResource implements ContainerRequestFilter {

    /** Before every filter of this application that reads it (the lowest priority runs first). */
    public static final int PRIORITY = 100;

    /** The request property holding the {@link Capture}. */
    static final String PROPERTY = MatchedResource.class.getName();

    @Context ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(
                PROPERTY,
                new Capture(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod()));
    }

    /**
     * The matched resource of {@code request}, as recorded before the other filters ran.
     *
     * @throws IllegalStateException if {@link MatchedResource} did not run (not registered)
     */
    public static ResourceInfo of(ContainerRequestContext request) {
        Object captured = request.getProperty(PROPERTY);
        if (captured instanceof Capture c) {
            return c;
        }
        throw new IllegalStateException(
                "the matched resource was not recorded: is "
                        + MatchedResource.class.getName()
                        + " registered?");
    }

    /** A copy of the runtime's {@link ResourceInfo} for one request. */
    record Capture(Class<?> resourceClass, Method resourceMethod) implements ResourceInfo {
        @Override
        public Method getResourceMethod() {
            return resourceMethod;
        }

        @Override
        public Class<?> getResourceClass() {
            return resourceClass;
        }
    }
}
