package dev.aauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The core packages are plain Java: only {@code dev.aauth.jakarta} may import {@code jakarta.*} or
 * {@code org.eclipse.microprofile.*}.
 */
class CoreImportsNoJakartaTest {

    private static final Path SOURCES =
            Path.of(System.getProperty("basedir", "."), "src/main/java");
    private static final Path CORE_ROOT = SOURCES.resolve("dev/aauth");
    private static final Path JAKARTA_SIDE = CORE_ROOT.resolve("jakarta");

    /** An import (plain or static) of a Jakarta or MicroProfile type. */
    private static final Pattern FORBIDDEN_IMPORT =
            Pattern.compile(
                    "^\\s*import\\s+(?:static\\s+)?((?:jakarta|org\\.eclipse\\.microprofile)\\.[\\w.*]+)",
                    Pattern.MULTILINE);

    static List<String> forbiddenImports(String source) {
        Matcher m = FORBIDDEN_IMPORT.matcher(source);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    @DisplayName(
            "core packages (dev.aauth.* except dev.aauth.jakarta) import no jakarta.* or org.eclipse.microprofile.*")
    void corePackagesImportNoJakartaOrMicroProfile() throws IOException {
        assertTrue(
                Files.isDirectory(CORE_ROOT), "sources not found at " + CORE_ROOT.toAbsolutePath());
        List<String> offences;
        try (Stream<Path> files = Files.walk(CORE_ROOT)) {
            offences =
                    files.filter(f -> f.toString().endsWith(".java"))
                            .filter(f -> !f.startsWith(JAKARTA_SIDE))
                            .flatMap(
                                    f ->
                                            forbiddenImports(read(f)).stream()
                                                    .map(i -> SOURCES.relativize(f) + ": " + i))
                            .toList();
        }
        assertEquals(
                List.of(), offences, "core sources must stay free of Jakarta/MicroProfile APIs");
    }

    @Test
    void detectorFindsForbiddenImportsAndIgnoresOthers() {
        String source =
                """
                package dev.aauth.x;
                import java.util.List;
                import jakarta.ws.rs.GET;
                  import static org.eclipse.microprofile.config.ConfigProvider.getConfig;
                import org.jose4j.json.JsonUtil;
                // a comment may mention jakarta.ws.rs or import org.eclipse.microprofile.config
                """;
        assertEquals(
                List.of(
                        "jakarta.ws.rs.GET",
                        "org.eclipse.microprofile.config.ConfigProvider.getConfig"),
                forbiddenImports(source));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
