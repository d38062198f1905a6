package dev.aauth.sfv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.error.AAuthException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.json.internal.json_simple.parser.JSONParser;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the httpwg structured-field test suite
 * (../shared/vectors/structured-field-tests, read in place and never edited): each parsing case is
 * parsed, compared with {@code expected}, then serialized and compared with {@code canonical} (or
 * {@code raw}); each serialisation case is serialized and compared, or must fail.
 */
class HttpwgStructuredFieldSuiteTest {

    static Path suiteDir() {
        return Path.of(
                System.getProperty("aauth.vectors", "../shared/vectors"), "structured-field-tests");
    }

    @TestFactory
    Stream<DynamicNode> parsingSuite() throws IOException {
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(suiteDir())) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.add(
                        DynamicContainer.dynamicContainer(
                                f.getFileName().toString(),
                                cases(f).stream()
                                        .map(
                                                c ->
                                                        DynamicTest.dynamicTest(
                                                                name(c), () -> runParseCase(c)))));
            }
        }
        assertTrue(files.size() >= 20, "the suite's files are all present");
        return files.stream();
    }

    @TestFactory
    Stream<DynamicNode> serialisationSuite() throws IOException {
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(suiteDir().resolve("serialisation-tests"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.add(
                        DynamicContainer.dynamicContainer(
                                f.getFileName().toString(),
                                cases(f).stream()
                                        .map(
                                                c ->
                                                        DynamicTest.dynamicTest(
                                                                name(c),
                                                                () -> runSerialiseCase(c)))));
            }
        }
        assertEquals(4, files.size());
        return files.stream();
    }

    private static String name(Map<String, Object> c) {
        return String.valueOf(c.get("name"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(Path file) {
        try {
            return (List<Map<String, Object>>) new JSONParser().parse(Files.readString(file));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static void runParseCase(Map<String, Object> c) {
        String type = (String) c.get("header_type");
        List<String> raw = (List<String>) c.get("raw");
        boolean mustFail = Boolean.TRUE.equals(c.get("must_fail"));
        boolean canFail = Boolean.TRUE.equals(c.get("can_fail"));
        if (mustFail) {
            assertThrows(AAuthException.class, () -> parse(type, raw), "must fail: " + raw);
            return;
        }
        Object parsed;
        try {
            parsed = parse(type, raw);
        } catch (AAuthException e) {
            if (canFail) {
                return;
            }
            throw e;
        }
        assertEquals(
                SuiteJson.normalise(c.get("expected")),
                SuiteJson.toSuiteForm(type, parsed),
                "parsed value");
        List<String> canonical = (List<String>) c.getOrDefault("canonical", raw);
        String expectedSerialisation = String.join(", ", canonical);
        assertEquals(expectedSerialisation, serialise(type, parsed), "canonical serialisation");
    }

    static void runSerialiseCase(Map<String, Object> c) {
        String type = (String) c.get("header_type");
        boolean mustFail = Boolean.TRUE.equals(c.get("must_fail"));
        if (mustFail) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> serialise(type, SuiteJson.fromSuiteForm(type, c.get("expected"))));
            return;
        }
        Object value = SuiteJson.fromSuiteForm(type, c.get("expected"));
        @SuppressWarnings("unchecked")
        List<String> canonical = (List<String>) c.get("canonical");
        if (canonical == null) {
            fail("serialisation case without canonical form");
        }
        assertEquals(String.join(", ", canonical), serialise(type, value));
    }

    static Object parse(String type, List<String> raw) {
        return switch (type) {
            case "item" -> StructuredFields.parseItem(String.join(", ", raw));
            case "list" -> StructuredFields.parseList(raw);
            case "dictionary" -> StructuredFields.parseDictionary(raw);
            default -> throw new IllegalArgumentException(type);
        };
    }

    @SuppressWarnings("unchecked")
    static String serialise(String type, Object value) {
        return switch (type) {
            case "item" -> StructuredFields.serializeItem((Item) value);
            case "list" -> StructuredFields.serializeList((List<Member>) value);
            case "dictionary" -> StructuredFields.serializeDictionary((Dictionary) value);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** Decimal values arrive from JSON as doubles; compare them as decimals. */
    static BigDecimal decimal(Object o) {
        return new BigDecimal(o.toString());
    }
}
