package dev.aauth.jakarta.store;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the newest version when the application starts, before any other start-up
 * observer runs; a migration that fails stops the application from deploying.
 *
 * <p>Safe when several applications (the three origins of one server) or several instances start
 * against one database at once: the schema is migrated once and the others find it current. On
 * PostgreSQL Flyway's own advisory lock does that. On H2 Flyway's lock is a {@code SELECT ... FOR
 * UPDATE} on its history table, which locks nothing while the table is still empty, so instances
 * starting together on a fresh database both applied {@code V1} (seen under load: "Table persons
 * already exists", or "Unable to lock table flyway_schema_history"); there the migration runs while
 * holding the one row of a lock table of its own ({@link H2MigrationLock}).
 */
@ApplicationScoped
public class StoreMigration {

    /** The JNDI name of the data source every server must provide. */
    public static final String DATA_SOURCE = "jdbc/aauth";

    /** The persistence unit in {@code META-INF/persistence.xml}. */
    public static final String PERSISTENCE_UNIT = "aauth";

    /** Where the versioned migrations live on the class path. */
    public static final String LOCATION = "classpath:" + MigrationScripts.DIRECTORY;

    private static final Logger LOG = Logger.getLogger(StoreMigration.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    void migrateAtStartup(
            @Observes
                    @Priority(Interceptor.Priority.LIBRARY_BEFORE)
                    @Initialized(ApplicationScoped.class)
                    Object applicationStarted) {
        SchemaState state = migrate(dataSource);
        LOG.info(
                () ->
                        "aauth store: "
                                + state.database()
                                + " schema at version "
                                + state.schemaVersion());
    }

    /** The schema as the database reports it now; throws when the database cannot be reached. */
    public SchemaState state() {
        return state(dataSource);
    }

    /** Applies the pending migrations to {@code dataSource} and reports the resulting schema. */
    public static SchemaState migrate(DataSource dataSource) {
        try (Connection probe = dataSource.getConnection()) {
            if (!"H2".equals(probe.getMetaData().getDatabaseProductName())) {
                return migrateWithFlywayLock(dataSource);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
        return H2MigrationLock.holding(dataSource, () -> migrateWithFlywayLock(dataSource));
    }

    private static SchemaState migrateWithFlywayLock(DataSource dataSource) {
        ClassLoader classLoader = StoreMigration.class.getClassLoader();
        MigrateResult result =
                Flyway.configure(classLoader)
                        .dataSource(dataSource)
                        .locations(LOCATION)
                        // named migrations, no class-path scanning (see MigrationScripts); no Java
                        // migrations
                        .resourceProvider(new MigrationScripts(classLoader))
                        .javaMigrationClassProvider(List::of)
                        .validateMigrationNaming(true)
                        .cleanDisabled(true)
                        .load()
                        .migrate();
        if (!result.success) {
            throw new IllegalStateException(
                    "schema migration failed: " + result.getFailedMigrations());
        }
        return state(dataSource);
    }

    /**
     * Reads the schema history Flyway keeps (its table and column names are quoted, lower case).
     */
    public static SchemaState state(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT \"version\" FROM \"flyway_schema_history\""
                                        + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
                ResultSet rows = statement.executeQuery()) {
            String version = null;
            int count = 0;
            while (rows.next()) {
                version = rows.getString(1);
                count++;
            }
            return new SchemaState(
                    connection.getMetaData().getDatabaseProductName(), version, count);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
        }
    }
}
