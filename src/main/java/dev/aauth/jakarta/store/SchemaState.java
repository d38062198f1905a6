package dev.aauth.jakarta.store;

/**
 * What the database says about the store's schema.
 *
 * @param database the database product name ({@code H2}, {@code PostgreSQL})
 * @param schemaVersion the version of the last migration applied successfully
 * @param appliedMigrations how many versioned migrations the schema history records (each once)
 */
public record SchemaState(String database, String schemaVersion, int appliedMigrations) {}
