package dev.aauth.jakarta.config;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that exists only on origins filling one of some roles: elsewhere it answers {@code
 * 404}, as if it were not there ({@link dev.aauth.jakarta.boundary.RoleGateFilter}). The one WAR
 * serves every origin; this is how, for example, {@code /.well-known/aauth-resource.json} appears
 * only on resource origins.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

    /** The roles of which the origin must fill at least one. */
    Role[] value();
}
