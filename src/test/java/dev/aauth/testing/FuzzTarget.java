package dev.aauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One fuzz target: its harness (what one input runs, checked with {@link Fuzz#check}), its seeds
 * (valid inputs built in code: vectors, fixtures) and its corpus directory, {@code
 * src/test/resources/<package>/<TestClass>Inputs/<method>/}, where Jazzer keeps what it finds and
 * which every build replays.
 *
 * @param name the target's name in reports
 * @param testClass the class holding the target's {@code @FuzzTest}
 * @param method the {@code @FuzzTest} method's name
 */
public record FuzzTarget(
        String name,
        Class<?> testClass,
        String method,
        Consumer<byte[]> harness,
        Supplier<Stream<byte[]>> seeds) {

    /** The seeds and then every file of the corpus directory (when it exists). */
    public Stream<byte[]> corpus() {
        return Stream.concat(seeds.get(), files());
    }

    private Stream<byte[]> files() {
        URL dir = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return Stream.empty();
        }
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            return list
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(FuzzTarget::read)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
