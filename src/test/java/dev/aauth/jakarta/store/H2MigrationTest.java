package dev.aauth.jakarta.store;

/** {@link MigrationContract} on H2 (in memory, PostgreSQL mode). */
class H2MigrationTest extends MigrationContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
