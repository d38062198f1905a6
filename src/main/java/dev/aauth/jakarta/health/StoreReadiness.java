package dev.aauth.jakarta.health;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.SchemaState;
import dev.aauth.jakarta.store.StoreHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the store works: on every call a transaction through the persistence unit and a read
 * of the schema history ({@link StoreHealth}); reports the database product, the schema version and
 * how many migrations are recorded.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StoreReadiness.class.getName());

    @Inject AAuthConfig config;

    @Inject StoreHealth store;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("aauth-store").withData("issuer", config.issuer());
        try {
            SchemaState state = store.check();
            return response.withData("database", state.database())
                    .withData("schemaVersion", String.valueOf(state.schemaVersion()))
                    .withData("appliedMigrations", state.appliedMigrations())
                    .status(state.schemaVersion() != null)
                    .build();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aauth store not ready", e);
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
