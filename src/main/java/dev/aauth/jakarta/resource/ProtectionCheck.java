package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.EndpointGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Checks every {@link AAuthProtected} endpoint of this origin when the application starts, so that
 * a misconfigured protection fails the deployment instead of the first request: each scope must be
 * one of {@code aauth.resource.scopes} (or an OpenID Connect identity scope), and an endpoint that
 * needs an auth token must name a scope or have {@code aauth.resource.default-scopes} to fall back
 * on (a resource token needs a scope). Same rule as {@link ResourceSettings#challengeScopes}.
 *
 * <p>Which endpoints: the resource methods (public methods carrying an HTTP method designator such
 * as {@code @GET}) of every CDI bean class that has {@link AAuthProtected} on itself or on a
 * method, found through the {@link BeanManager} (portable: no container API), and only those this
 * origin serves ({@link EndpointGate}s: a demo API another origin serves, or an endpoint of a role
 * this origin does not fill, is not checked here). Resource classes that are not CDI beans (no
 * bean-defining annotation in an implicit bean archive) are not seen; for them the filter's own
 * check remains: {@code 500} and a log line, never an unprotected request.
 *
 * <p>An annotation is checked even where a matching {@code aauth.resource.protect} rule applies
 * too: the two combine (the stricter wins), so the annotation is always in force.
 */
@ApplicationScoped
public class ProtectionCheck {

    @Inject BeanManager beans;
    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resources;
    @Inject @Any Instance<EndpointGate> gates;

    /**
     * Runs once when the application starts.
     *
     * @throws IllegalStateException listing every misconfigured endpoint, which fails the
     *     deployment
     */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        ClassLoader application = ProtectionCheck.class.getClassLoader();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> c = bean.getBeanClass();
            // the application's own classes only: the container's beans are none of our business,
            // and reflecting on them could load optional classes that are absent
            if (c.getClassLoader() == application && isProtected(c)) {
                classes.add(c);
            }
        }
        List<String> problems = problems(classes, resources.settings(), this::served);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "AAuth protection misconfigured on "
                            + config.issuer()
                            + ": "
                            + String.join("; ", problems));
        }
    }

    private boolean served(Class<?> resourceClass, Method method) {
        for (EndpointGate gate : gates) {
            if (!gate.serves(resourceClass, method)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code type} carries {@link AAuthProtected} on itself or on one of its public
     * methods.
     */
    static boolean isProtected(Class<?> type) {
        if (type.isAnnotationPresent(AAuthProtected.class)) {
            return true;
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(AAuthProtected.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The misconfigurations of the protected resource methods of {@code classes} that {@code
     * served} accepts, one message per endpoint, in a stable order; empty when all is well.
     */
    static List<String> problems(
            Collection<Class<?>> classes,
            ResourceSettings settings,
            BiPredicate<Class<?>, Method> served) {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : classes) {
            List<Method> methods = new ArrayList<>(List.of(c.getMethods()));
            methods.sort(
                    Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
            for (Method m : methods) {
                if (!isResourceMethod(m) || !served.test(c, m)) {
                    continue;
                }
                Protection p = AAuthEnforcer.protectionOf(c, m);
                if (p == null) {
                    continue;
                }
                try {
                    settings.challengeScopes(p);
                } catch (IllegalStateException e) {
                    problems.add(c.getName() + "." + m.getName() + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * A public instance method with an HTTP method designator ({@code @GET}, {@code @POST}, ...).
     */
    static boolean isResourceMethod(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
            return false;
        }
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
