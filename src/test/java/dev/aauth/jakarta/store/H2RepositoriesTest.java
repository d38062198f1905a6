package dev.aauth.jakarta.store;

/** {@link RepositoriesContract} on H2 (in memory, PostgreSQL mode). */
class H2RepositoriesTest extends RepositoriesContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
