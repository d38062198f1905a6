package dev.aauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every package under src/main/java says what it is for in a package-info.java. */
class PackageInfoPresentTest {

    private static final Path SOURCES =
            Path.of(System.getProperty("basedir", "."), "src/main/java");

    @Test
    @DisplayName("every package directory under src/main/java has a package-info.java")
    void everyPackageHasPackageInfo() throws IOException {
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            packages =
                    dirs.filter(Files::isDirectory)
                            .filter(PackageInfoPresentTest::holdsJavaSources)
                            .toList();
        }
        assertFalse(packages.isEmpty(), "no packages found under " + SOURCES.toAbsolutePath());
        List<Path> missing =
                packages.stream()
                        .filter(d -> !Files.isRegularFile(d.resolve("package-info.java")))
                        .map(SOURCES::relativize)
                        .toList();
        assertEquals(List.of(), missing, "packages without package-info.java");
    }

    /** A directory is a package when it directly holds at least one .java file. */
    private static boolean holdsJavaSources(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(
                    f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
