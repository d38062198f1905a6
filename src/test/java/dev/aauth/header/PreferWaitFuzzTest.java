package dev.aauth.header;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the {@code wait} preference of {@code Prefer} (RFC 7240) on polls. Besides the
 * common property: the result is empty or a positive duration no longer than the server's bound.
 * Input: the field lines, one per line.
 */
public final class PreferWaitFuzzTest {

    static final int MAX_LENGTH = 32 * 1024;
    private static final Duration MAX = Duration.ofSeconds(30);

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "Prefer",
                    PreferWaitFuzzTest.class,
                    "prefer",
                    PreferWaitFuzzTest::fuzz,
                    PreferWaitFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void prefer(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        Fuzz.check(
                input,
                () ->
                        PreferWait.of(lines, MAX)
                                .ifPresent(
                                        d -> {
                                            if (d.isNegative()
                                                    || d.isZero()
                                                    || d.compareTo(MAX) > 0) {
                                                throw new AssertionError("wait out of range: " + d);
                                            }
                                        }));
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                        "wait=10",
                        "WAIT = 5",
                        "wait=\"7\"",
                        "respond-async, wait=12;foo=bar, wait=3",
                        "return=minimal\nwait=4",
                        "wait=99999999999999999999")
                .map(Fuzz::bytes);
    }
}
