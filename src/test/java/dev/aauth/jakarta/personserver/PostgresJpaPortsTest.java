package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.TestStores;
import org.junit.jupiter.api.Tag;

/**
 * {@link JpaPortsContract} on the PostgreSQL test database (a schema per test): {@code -Ppostgres}.
 */
@Tag("postgres")
class PostgresJpaPortsTest extends JpaPortsContract {

    @Override
    TestStores database() {
        return TestStores.postgres();
    }
}
