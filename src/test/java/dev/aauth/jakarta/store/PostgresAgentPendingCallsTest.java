package dev.aauth.jakarta.store;

import org.junit.jupiter.api.Tag;

/** {@link AgentPendingCallsContract} on the PostgreSQL test database: {@code -Ppostgres}. */
@Tag("postgres")
class PostgresAgentPendingCallsTest extends AgentPendingCallsContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.postgres();
    }
}
