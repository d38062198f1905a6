package dev.aauth.jakarta.config;

import java.lang.reflect.Method;

/**
 * Whether this origin serves a JAX-RS endpoint at all. The one WAR serves every origin, and some
 * endpoints exist only on some of them: the gate filters ({@link
 * dev.aauth.jakarta.boundary.RoleGateFilter}, the demo APIs' gate) answer {@code 404} where their
 * gate says no. Checks made when the application starts ask the same gates, so they look only at
 * endpoints this origin really serves.
 */
public interface EndpointGate {

    /** Whether {@code resourceMethod} of {@code resourceClass} is served by this origin. */
    boolean serves(Class<?> resourceClass, Method resourceMethod);
}
