package dev.aauth.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.id.SecurityMode;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.token.Mission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the {@code AAuth-Mission} request header ("AAuth-Mission Request Header") in STRICT
 * and DEVELOPMENT mode; what parses must serialize and parse back to the same mission. Input: the
 * field lines, one per line.
 */
public final class MissionHeaderFuzzTest {

    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "AAuth-Mission",
                    MissionHeaderFuzzTest.class,
                    "mission",
                    MissionHeaderFuzzTest::fuzz,
                    MissionHeaderFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void mission(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        for (SecurityMode mode : SecurityMode.values()) {
            Fuzz.check(
                    input,
                    () -> {
                        Mission m = MissionHeader.parse(lines, mode);
                        assertEquals(
                                m,
                                MissionHeader.parse(
                                        List.of(MissionHeader.serialize(m, mode)), mode));
                    });
        }
    }

    static Stream<byte[]> seeds() {
        String s256 = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        return Stream.of(
                        "approver=\"https://ps.example\"; s256=\"" + s256 + "\"",
                        "approver=\"https://ps.example\", s256=\"" + s256 + "\"",
                        "approver=\"http://localhost:9080\"\ns256=\"" + s256 + "\"",
                        "approver=\"https://xn--bcher-kva.example\";s256=\"" + s256 + "\";x=?1")
                .map(Fuzz::bytes);
    }
}
