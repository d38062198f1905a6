package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The versioned migrations on a fresh database; on H2 and PostgreSQL. */
abstract class MigrationContract {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__\\w+\\.sql");

    abstract StoreTestDatabase openDatabase();

    /** The versions of the migration files, ascending. */
    static List<Integer> migrationVersions() {
        URL location = StoreMigration.class.getClassLoader().getResource("db/migration");
        String[] names = new File(location.getPath()).list();
        return Arrays.stream(names)
                .map(VERSIONED::matcher)
                .filter(Matcher::matches)
                .map(m -> Integer.valueOf(m.group(1)))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /**
     * Repeated because the race is one of timing: before {@link H2MigrationLock}, four instances on
     * a fresh H2 database both applied {@code V1} in about one run in ten, and creating the lock
     * table raced too (three in twenty).
     */
    @RepeatedTest(40)
    @DisplayName("Instances starting together against one fresh database migrate it once")
    void instancesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        try (StoreTestDatabase database = openDatabase()) {
            List<SchemaState> states =
                    StoreTestSupport.race(
                            4, i -> () -> StoreMigration.migrate(database.dataSource()));

            List<Integer> versions = migrationVersions();
            String newest = String.valueOf(versions.get(versions.size() - 1));
            for (SchemaState state : states) {
                assertEquals(newest, state.schemaVersion());
                assertEquals(
                        versions.size(), state.appliedMigrations(), "each migration recorded once");
            }
        }
    }

    @Test
    void migratingACurrentSchemaChangesNothing() throws Exception {
        try (StoreTestDatabase database = openDatabase()) {
            SchemaState first = StoreMigration.migrate(database.dataSource());
            SchemaState again = StoreMigration.migrate(database.dataSource());

            assertEquals(first, again);
            assertEquals(first, StoreMigration.state(database.dataSource()));
            assertTrue(List.of("H2", "PostgreSQL").contains(first.database()), first.database());
        }
    }
}
