package dev.aauth.jakarta.config;

import dev.aauth.id.SecurityMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Every {@code aauth.*} setting of this deployment, read once from MicroProfile Config.
 *
 * <p>This is the only class that reads {@code aauth.*} properties; everything else asks it.
 * Values are checked when the application starts, so a misconfigured origin fails to deploy
 * instead of failing its first request.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #ROLES}</td><td>(none)</td><td>comma-separated {@link Role} names this origin fills</td></tr>
 *   <tr><td>{@value #ISSUER}</td><td>required</td><td>this origin's server identifier</td></tr>
 *   <tr><td>{@value #SECURITY_MODE}</td><td>{@code STRICT}</td><td>{@link SecurityMode}</td></tr>
 * </table>
 */
@ApplicationScoped
public class AAuthConfig {

    public static final String ROLES = "aauth.roles";
    public static final String ISSUER = "aauth.issuer";
    public static final String SECURITY_MODE = "aauth.security-mode";

    private final Set<Role> roles;
    private final String issuer;
    private final SecurityMode securityMode;

    @Inject
    AAuthConfig(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /**
     * Reads the settings through {@code property} (name to raw value).
     *
     * @throws IllegalStateException naming the property, when a value is missing or invalid
     */
    AAuthConfig(Function<String, Optional<String>> property) {
        this.roles = parseRoles(property.apply(ROLES).orElse(""));
        this.issuer = property.apply(ISSUER).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException(ISSUER + " is required: this origin's server identifier"));
        this.securityMode = property.apply(SECURITY_MODE).map(AAuthConfig::parseSecurityMode).orElse(SecurityMode.STRICT);
    }

    /** For the CDI client proxy only. */
    protected AAuthConfig() {
        this.roles = Set.of();
        this.issuer = null;
        this.securityMode = SecurityMode.STRICT;
    }

    /** Creating the bean at start-up is the check: a bad value fails the deployment. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Nothing to do: delivering this event instantiated the bean, which read and checked every value.
    }

    /** The roles this origin fills; unmodifiable, possibly empty. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** This origin's server identifier, compared by exact string comparison. */
    public String issuer() {
        return issuer;
    }

    /** {@link SecurityMode#STRICT} unless {@value #SECURITY_MODE} says otherwise. */
    public SecurityMode securityMode() {
        return securityMode;
    }

    private static Set<Role> parseRoles(String value) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                parsed.add(Role.ofConfigName(trimmed).orElseThrow(() -> new IllegalStateException(
                        ROLES + ": unknown role '" + trimmed + "'; known: " + knownRoles())));
            }
        }
        return Collections.unmodifiableSet(parsed);
    }

    private static String knownRoles() {
        return EnumSet.allOf(Role.class).stream().map(Role::configName).collect(Collectors.joining(","));
    }

    private static SecurityMode parseSecurityMode(String value) {
        try {
            return SecurityMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SECURITY_MODE + ": unknown mode '" + value + "'; known: STRICT, DEVELOPMENT", e);
        }
    }
}
