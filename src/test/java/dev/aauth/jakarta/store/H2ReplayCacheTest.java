package dev.aauth.jakarta.store;

/** {@link ReplayCacheContract} on H2 (in memory, PostgreSQL mode). */
class H2ReplayCacheTest extends ReplayCacheContract {

    @Override
    StoreTestDatabase openDatabase() {
        return StoreTestDatabase.h2();
    }
}
