package dev.aauth.jakarta.resource;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method (or every method of a resource class) as protected by AAuth: each
 * request must carry a valid HTTP Message Signature whose {@code Signature-Key} holds an agent
 * token or an auth token, and the endpoint's {@link #level() access level} decides what happens
 * next (see {@link AAuthEnforcer}). A method annotation replaces the class annotation.
 *
 * <pre>{@code
 * @GET @Path("inventory")
 * @AAuthProtected(scopes = "supply-chain:read")
 * public Inventory inventory(@Inject AAuthCaller caller) { ... }
 * }</pre>
 *
 * <p>The same protection can be declared without code through {@code aauth.resource.protect}
 * ({@link PathRule}). Where a configured rule also matches the request, both apply and the stricter
 * wins ({@link Protection#strictest}): a rule can raise the level or add scopes, but never lower
 * what the annotation demands (unlike deployment descriptors elsewhere in Jakarta EE, which replace
 * annotations: a typo in a rule must not open an endpoint).
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AAuthProtected {

    /** The access level; auth token required unless stated otherwise (the safer default). */
    AccessLevel level() default AccessLevel.AUTH_TOKEN;

    /**
     * The scopes an auth token must grant here, and the {@code scope} of the resource token sent in
     * a challenge. Empty: any auth token for this resource suffices, and challenges carry {@code
     * aauth.resource.default-scopes}. Each scope must be one of {@code aauth.resource.scopes} or an
     * OpenID Connect identity scope. Ignored at {@link AccessLevel#IDENTITY} unless {@code
     * aauth.resource.require=auth-token} raises the endpoint to {@link AccessLevel#AUTH_TOKEN}.
     */
    String[] scopes() default {};
}
