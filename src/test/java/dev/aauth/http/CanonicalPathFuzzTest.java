package dev.aauth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the canonical request path protection rules are compared with. Besides the common
 * property: the canonical form is a fixed point (canonicalizing {@code value()} gives the same
 * path), and every path is at or below the root. Input: a raw path or request target.
 */
public final class CanonicalPathFuzzTest {

    /** Open Liberty's default limit on the request line's field. */
    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "canonical path",
                    CanonicalPathFuzzTest.class,
                    "canonicalPath",
                    CanonicalPathFuzzTest::fuzz,
                    CanonicalPathFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void canonicalPath(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        String raw = Fuzz.latin1(input);
        Fuzz.check(
                input,
                () -> {
                    CanonicalPath path = CanonicalPath.parse(raw);
                    assertEquals(path, CanonicalPath.parse(path.value()), "a fixed point");
                    assertTrue(path.isAtOrBelow(CanonicalPath.ROOT));
                });
        Fuzz.check(input, () -> CanonicalPath.ofRequestTarget(raw));
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                        Fuzz.bytes("/api/market/status"),
                        Fuzz.bytes("/api/market;x=1/status/"),
                        Fuzz.bytes("/api//market/./status"),
                        Fuzz.bytes("/api/x/../market/status?a=b"),
                        Fuzz.bytes("/a%2Fb/%2e%2e/c%3Bd/%C0%AE/%252e/;jsessionid=1"),
                        Fuzz.bytes("/caf%C3%A9/%E2%82%AC"),
                        Fuzz.amplified("", "/a", 14, ""),
                        Fuzz.amplified("", "/%41", 12, ";x"),
                        Fuzz.amplified("/a", "/..", 12, ""))
                .map(b -> b);
    }
}
