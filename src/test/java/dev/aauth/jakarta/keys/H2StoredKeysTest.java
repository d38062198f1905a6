package dev.aauth.jakarta.keys;

import dev.aauth.jakarta.store.TestStores;

/** {@link StoredKeysContract} on H2 in PostgreSQL mode. */
class H2StoredKeysTest extends StoredKeysContract {

    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
