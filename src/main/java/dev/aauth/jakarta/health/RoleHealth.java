package dev.aauth.jakarta.health;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.jakarta.agent.AgentIdentity;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jose.ServerKeySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness and one liveness check per role this origin fills ({@code aauth-agent}, {@code
 * aauth-agent-provider}, {@code aauth-person-server}, {@code aauth-resource}); on an origin without
 * the role the check reports up with {@code role: absent}, so every origin shows the same names.
 * Readiness says the role can serve now; liveness only that it has not wedged in a state a restart
 * would cure.
 *
 * <ul>
 *   <li>agent: ready when it holds (or can obtain, in-process or by enrollment) an agent token;
 *       live unless its last agent token expired without renewal;
 *   <li>agent provider, person server, resource: ready and live when this origin's signing key is
 *       loaded (they sign agent, auth and resource tokens).
 * </ul>
 */
@ApplicationScoped
public class RoleHealth {

    @Inject AAuthConfig config;
    @Inject AgentIdentity agent;

    /**
     * Looked up on each call, not injected: a MicroProfile Health implementation may create the
     * checks while CDI is still starting (Payara does, before the module's {@code java:comp} names
     * exist), and the key set's producer needs a managed scheduler from there.
     */
    @Inject Instance<ServerKeySet> keys;

    @Inject Clock clock;

    @Produces
    @Readiness
    HealthCheck agentReadiness() {
        return () -> {
            HealthCheckResponseBuilder b = named("aauth-agent");
            if (!config.hasRole(Role.AGENT)) {
                return b.withData("role", "absent").up().build();
            }
            try {
                AgentCredentials c = agent.credentials();
                return b.withData("agent", c.agent())
                        .withData("expiresAt", c.expiresAt())
                        .withData("personServer", String.valueOf(c.personServer()))
                        .up()
                        .build();
            } catch (RuntimeException e) {
                return b.withData("error", String.valueOf(e.getMessage())).down().build();
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck agentLiveness() {
        return () -> {
            HealthCheckResponseBuilder b = named("aauth-agent");
            if (!config.hasRole(Role.AGENT)) {
                return b.withData("role", "absent").up().build();
            }
            AgentCredentials c = agent.peek();
            boolean expired = c != null && clock.instant().getEpochSecond() >= c.expiresAt();
            return b.withData("agentTokenExpired", expired).status(!expired).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck agentProviderReadiness() {
        return signingRole("aauth-agent-provider", Role.AGENT_PROVIDER);
    }

    @Produces
    @Liveness
    HealthCheck agentProviderLiveness() {
        return signingRole("aauth-agent-provider", Role.AGENT_PROVIDER);
    }

    @Produces
    @Readiness
    HealthCheck personServerReadiness() {
        return signingRole("aauth-person-server", Role.PERSON_SERVER);
    }

    @Produces
    @Liveness
    HealthCheck personServerLiveness() {
        return signingRole("aauth-person-server", Role.PERSON_SERVER);
    }

    @Produces
    @Readiness
    HealthCheck resourceReadiness() {
        return signingRole("aauth-resource", Role.RESOURCE);
    }

    @Produces
    @Liveness
    HealthCheck resourceLiveness() {
        return signingRole("aauth-resource", Role.RESOURCE);
    }

    private HealthCheck signingRole(String name, Role role) {
        return () -> {
            HealthCheckResponseBuilder b = named(name);
            if (!config.hasRole(role)) {
                return b.withData("role", "absent").up().build();
            }
            String thumbprint = keys.get().current().publicJwk().thumbprint();
            return b.withData("key", thumbprint).up().build();
        };
    }

    /** Every check names this origin's issuer, as the other checks do. */
    private HealthCheckResponseBuilder named(String name) {
        return HealthCheckResponse.named(name).withData("issuer", config.issuer());
    }
}
