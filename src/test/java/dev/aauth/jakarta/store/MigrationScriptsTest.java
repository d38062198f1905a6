package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.Reader;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    @Test
    void everyMigrationFileIsListedInVersionOrder() {
        File directory =
                new File(
                        MigrationScriptsTest.class
                                .getClassLoader()
                                .getResource(MigrationScripts.DIRECTORY)
                                .getPath());
        List<String> onDisk =
                Arrays.stream(directory.list())
                        .sorted(Comparator.comparingInt(MigrationScriptsTest::version))
                        .toList();

        assertEquals(
                onDisk,
                MigrationScripts.FILES,
                "add every file of db/migration to MigrationScripts.FILES");
    }

    @Test
    void scriptsAreLoadedByNameFromTheClassPath() throws Exception {
        MigrationScripts scripts = new MigrationScripts(getClass().getClassLoader());

        List<LoadableResource> versioned =
                List.copyOf(scripts.getResources("V", new String[] {".sql"}));
        assertEquals(MigrationScripts.FILES.size(), versioned.size());
        try (Reader reader = versioned.get(0).read()) {
            char[] start = new char[2];
            assertEquals(2, reader.read(start));
            assertEquals("--", new String(start));
        }
        assertEquals(List.of(), List.copyOf(scripts.getResources("R", new String[] {".sql"})));
        assertEquals(
                "V1__durable_state.sql",
                scripts.getResource("db/migration/V1__durable_state.sql").getFilename());
        assertNull(scripts.getResource("db/migration/V99__nothing.sql"));
    }
}
