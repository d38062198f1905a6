package dev.aauth.jakarta.store;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migrations, named here rather than found by scanning the class path: scanning a directory
 * inside an unexpanded WAR depends on the server's class loader (Open Liberty's finds no {@code
 * db/migration} directory there), while loading a named file works everywhere. {@code
 * MigrationScriptsTest} fails the build when a file in {@value #DIRECTORY} is not listed. (Flyway
 * still looks for callbacks in {@code db/callback}; the empty marker file {@code
 * db/callback/flyway.location} lets it find that empty directory on Open Liberty instead of logging
 * an error.)
 */
final class MigrationScripts implements ResourceProvider {

    static final String DIRECTORY = "db/migration";

    /** Every migration file in {@value #DIRECTORY}, oldest first. Add new ones at the end. */
    static final List<String> FILES =
            List.of(
                    "V1__durable_state.sql",
                    "V3__revocation_notices.sql",
                    "V5__agent_state.sql",
                    "V7__replay_cache.sql",
                    "V9__person_tokens.sql");

    private final ClassLoader classLoader;

    MigrationScripts(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public LoadableResource getResource(String name) {
        String file =
                name.startsWith(DIRECTORY + "/") ? name.substring(DIRECTORY.length() + 1) : name;
        return FILES.contains(file) ? new Script(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return FILES.stream()
                .filter(
                        file ->
                                file.startsWith(prefix)
                                        && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .map(file -> (LoadableResource) new Script(file))
                .toList();
    }

    private final class Script extends LoadableResource {
        private final String file;

        Script(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = classLoader.getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new IllegalStateException(
                        "migration " + getAbsolutePath() + " is not on the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
