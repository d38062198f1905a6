package dev.aauth.jakarta.store;

/** {@link RevocationStoreContract} on H2 (in memory, PostgreSQL mode). */
class H2RevocationStoreTest extends RevocationStoreContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
