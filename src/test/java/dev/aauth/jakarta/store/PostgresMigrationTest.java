package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/**
 * {@link MigrationContract} on the PostgreSQL test database (a fresh schema): {@code -Ppostgres}.
 */
@Tag("postgres")
class PostgresMigrationTest extends MigrationContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
