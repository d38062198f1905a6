package dev.aauth.sfv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the structured-field parser (RFC 9651 Section 4.2) on Items, Lists and Dictionaries,
 * one field line per input line. Beyond the common property ({@link Fuzz#check}): whatever parses
 * serializes without an {@code IllegalArgumentException}, and serializing is a fixed point (the
 * serialization parses and serializes to itself; values are compared in their canonical text
 * because {@code 1.20} and {@code 1.2} are one Decimal). Seeded with the httpwg suite's raw values.
 */
public final class StructuredFieldsFuzzTest {

    /** Largest field value tried: Open Liberty's default limit on one header field. */
    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "structured fields",
                    StructuredFieldsFuzzTest.class,
                    "structuredFields",
                    StructuredFieldsFuzzTest::fuzz,
                    StructuredFieldsFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void structuredFields(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        Fuzz.check(
                input,
                () -> {
                    String once =
                            StructuredFields.serializeItem(
                                    StructuredFields.parseItem(String.join(", ", lines)));
                    assertEquals(
                            once, StructuredFields.serializeItem(StructuredFields.parseItem(once)));
                });
        Fuzz.check(
                input,
                () -> {
                    String once = StructuredFields.serializeList(StructuredFields.parseList(lines));
                    assertEquals(
                            once, StructuredFields.serializeList(StructuredFields.parseList(once)));
                });
        Fuzz.check(
                input,
                () -> {
                    String once =
                            StructuredFields.serializeDictionary(
                                    StructuredFields.parseDictionary(lines));
                    assertEquals(
                            once,
                            StructuredFields.serializeDictionary(
                                    StructuredFields.parseDictionary(once)));
                });
    }

    /**
     * The raw values of the httpwg suite (all hand-written cases, every 16th generated one), and a
     * few amplified ones as large as a header may be.
     */
    @SuppressWarnings("unchecked")
    static Stream<byte[]> seeds() {
        Set<String> raws = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(HttpwgStructuredFieldSuiteTest.suiteDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                boolean generated =
                        f.getFileName().toString().contains("-generated")
                                && !f.getFileName().toString().startsWith("large");
                int i = 0;
                for (Map<String, Object> c : HttpwgStructuredFieldSuiteTest.cases(f)) {
                    if (!generated || i++ % 16 == 0) {
                        raws.add(String.join("\n", (List<String>) c.get("raw")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> seeds = new ArrayList<>();
        raws.forEach(r -> seeds.add(Fuzz.bytes(r)));
        seeds.add(Fuzz.amplified("a=", "%\"\", ", 12, "b"));
        seeds.add(Fuzz.amplified("a=(", "1 ", 12, ")"));
        seeds.add(Fuzz.amplified("(", "%\"\" ", 13, ")"));
        seeds.add(Fuzz.amplified("a", ";b", 12, ""));
        seeds.add(Fuzz.amplified("a=:", "AAAA", 13, ":"));
        seeds.add(Fuzz.amplified("", "a, ", 13, "a"));
        seeds.add(Fuzz.amplified("\"", "\\\"", 13, "\""));
        return seeds.stream();
    }
}
