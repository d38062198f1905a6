package dev.aauth.jakarta.store;

/** {@link PendingRequestsContract} on H2 (in memory, PostgreSQL mode). */
class H2PendingRequestsTest extends PendingRequestsContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
