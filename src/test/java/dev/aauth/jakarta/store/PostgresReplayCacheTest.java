package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/** {@link ReplayCacheContract} on the PostgreSQL test database: {@code -Ppostgres}. */
@Tag("postgres")
class PostgresReplayCacheTest extends ReplayCacheContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
