package dev.aauth.jakarta.health;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.SchemaState;
import dev.aauth.jakarta.store.StoreMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the store's database answers: reads the schema history on every call and reports
 * the database product, the schema version and how many migrations are recorded.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    @Inject
    AAuthConfig config;

    @Inject
    StoreMigration migration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aauth-store").withData("issuer", config.issuer());
        try {
            SchemaState state = migration.state();
            return response.withData("database", state.database())
                    .withData("schemaVersion", String.valueOf(state.schemaVersion()))
                    .withData("appliedMigrations", state.appliedMigrations())
                    .status(state.schemaVersion() != null)
                    .build();
        } catch (RuntimeException e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
