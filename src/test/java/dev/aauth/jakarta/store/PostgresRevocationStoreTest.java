package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/** {@link RevocationStoreContract} on the PostgreSQL test database: {@code -Ppostgres}. */
@Tag("postgres")
class PostgresRevocationStoreTest extends RevocationStoreContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
