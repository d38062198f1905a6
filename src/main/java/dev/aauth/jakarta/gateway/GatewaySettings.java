package dev.aauth.jakarta.gateway;

import static dev.aauth.jakarta.config.AAuthConfig.commaList;
import static dev.aauth.jakarta.config.AAuthConfig.nonBlank;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The gateway check endpoint's settings, read from MicroProfile Config and checked at start (a bad
 * value fails the deployment):
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #TRUSTED_ADDRESSES}</td><td>(none)</td><td>comma-separated IP addresses the
 *       gateway's check requests come from</td></tr>
 *   <tr><td>{@value #SECRET}</td><td>(none)</td><td>shared secret the gateway sends in {@value
 *       GatewayTrust#SECRET_HEADER} (at least 16 characters)</td></tr>
 * </table>
 *
 * With neither, the check endpoint trusts nobody and only denies.
 */
@ApplicationScoped
public class GatewaySettings {

    public static final String TRUSTED_ADDRESSES = "aauth.gateway.trusted-addresses";
    public static final String SECRET = "aauth.gateway.secret";

    private final GatewayTrust trust;

    @Inject
    GatewaySettings(Config config, AAuthConfig aauth) {
        this(name -> config.getOptionalValue(name, String.class), aauth);
    }

    /**
     * @throws IllegalStateException naming the property, when a value is invalid
     */
    public GatewaySettings(Function<String, Optional<String>> property, AAuthConfig aauth) {
        Set<String> addresses =
                new LinkedHashSet<>(commaList(nonBlank(property, TRUSTED_ADDRESSES).orElse("")));
        for (String a : addresses) {
            try {
                GatewayTrust.literal(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(TRUSTED_ADDRESSES + ": " + e.getMessage(), e);
            }
        }
        Optional<String> secret = nonBlank(property, SECRET);
        if (secret.isPresent() && secret.get().length() < 16) {
            throw new IllegalStateException(
                    SECRET + ": shorter than 16 characters (a guessable secret trusts anyone)");
        }
        this.trust = new GatewayTrust(addresses, secret.orElse(null));
    }

    /** For the CDI client proxy only. */
    protected GatewaySettings() {
        this.trust = new GatewayTrust(Set.of(), null);
    }

    /** Creating the bean at start-up is the check: a bad value fails the deployment. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Nothing to do: delivering this event instantiated the bean.
    }

    public GatewayTrust trust() {
        return trust;
    }
}
