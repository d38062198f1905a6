package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.TestStores;

/** {@link JpaPortsContract} on H2 (in memory, PostgreSQL mode). */
class JpaPortsTest extends JpaPortsContract {

    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
