package dev.aauth.jakarta.store;

/** {@link AgentPendingCallsContract} on H2 (in memory, PostgreSQL mode). */
class H2AgentPendingCallsTest extends AgentPendingCallsContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
