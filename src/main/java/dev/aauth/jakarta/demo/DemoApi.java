package dev.aauth.jakarta.demo;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A demo API, served only by origins listing its name in {@code aauth.demo.apis}; elsewhere its
 * paths answer {@code 404} ({@link DemoGateFilter}).
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DemoApi {

    /** {@code supply-chain} or {@code market-analysis}. */
    String value();
}
