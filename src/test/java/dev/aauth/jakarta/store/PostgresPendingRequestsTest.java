package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/**
 * {@link PendingRequestsContract} on the PostgreSQL test database (a schema of its own): {@code
 * -Ppostgres}.
 */
@Tag("postgres")
class PostgresPendingRequestsTest extends PendingRequestsContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
