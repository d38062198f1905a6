package dev.aauth.jakarta.keys;

import dev.aauth.jakarta.store.TestStores;
import org.junit.jupiter.api.Tag;

/**
 * {@link StoredKeysContract} on the PostgreSQL test database (a schema of its own): {@code
 * -Ppostgres}.
 */
@Tag("postgres")
class PostgresStoredKeysTest extends StoredKeysContract {

    @Override
    TestStores open() {
        return TestStores.postgres();
    }
}
