package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/**
 * {@link RepositoriesContract} on the PostgreSQL test database (a schema of its own): {@code
 * -Ppostgres}.
 */
@Tag("postgres")
class PostgresRepositoriesTest extends RepositoriesContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
