package dev.aauth.jakarta.health;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers. Deliberately checks no dependency: a failing liveness check
 * gets the process restarted, which does not cure an unreachable database.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Inject AAuthConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("aauth-process")
                .withData("issuer", config.issuer())
                .up()
                .build();
    }
}
