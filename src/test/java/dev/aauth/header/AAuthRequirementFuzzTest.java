package dev.aauth.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.id.SecurityMode;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the {@code AAuth-Requirement} response header an agent reads ("AAuth-Requirement
 * Header Structure"), in STRICT and DEVELOPMENT mode; what parses must serialize and parse back to
 * the same requirement. Input: the field lines, one per line. Seeded with every requirement value.
 */
public final class AAuthRequirementFuzzTest {

    /** A response header read by the agent's HTTP client; bounded here as a server bounds one. */
    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "AAuth-Requirement",
                    AAuthRequirementFuzzTest.class,
                    "requirement",
                    AAuthRequirementFuzzTest::fuzz,
                    AAuthRequirementFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void requirement(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        for (SecurityMode mode : SecurityMode.values()) {
            Fuzz.check(
                    input,
                    () -> {
                        AAuthRequirement r = AAuthRequirement.parse(lines, mode);
                        assertEquals(r, AAuthRequirement.parse(r.serialize(), mode));
                        if (r instanceof AAuthRequirement.InteractionRequired i) {
                            i.userUrl();
                        }
                    });
        }
    }

    static Stream<byte[]> seeds() {
        String jwt = new FuzzWorld().resourceToken(null);
        return Stream.of(
                        "requirement=auth-token; resource-token=\"" + jwt + "\"",
                        "requirement=auth-token, resource-token=\"" + jwt + "\"",
                        "requirement=interaction; url=\"https://ps.example/interaction\";"
                                + " code=\"ABCD-1234\"",
                        "requirement=interaction; url=\"http://localhost:9080/i\"; code=\"a b\"",
                        "requirement=approval",
                        "requirement=clarification, x=1",
                        "requirement=claims\nfoo=?0",
                        "requirement=payment;amount=1.5")
                .map(Fuzz::bytes);
    }
}
