package dev.aauth.jakarta.health;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this origin's configuration has been read and accepted. */
@Readiness
@ApplicationScoped
public class ConfigReadiness implements HealthCheck {

    @Inject AAuthConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("aauth-config")
                .withData("issuer", config.issuer())
                .withData("securityMode", config.securityMode().name())
                .up()
                .build();
    }
}
