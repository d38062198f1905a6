package dev.aauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.digest.ContentDigestFuzzTest;
import dev.aauth.discovery.DiscoveryFuzzTest;
import dev.aauth.header.AAuthRequirementFuzzTest;
import dev.aauth.header.MissionHeaderFuzzTest;
import dev.aauth.header.PreferWaitFuzzTest;
import dev.aauth.http.CanonicalPathFuzzTest;
import dev.aauth.httpsig.SignatureSetFuzzTest;
import dev.aauth.id.IdentifierFuzzTest;
import dev.aauth.jakarta.personserver.TokenRequestFuzzTest;
import dev.aauth.jose.JsonReaderFuzzTest;
import dev.aauth.jose.JwkFuzzTest;
import dev.aauth.jose.JwsFuzzTest;
import dev.aauth.profile.AAuthRequestVerifierFuzzTest;
import dev.aauth.sfv.StructuredFieldsFuzzTest;
import dev.aauth.sigkey.SignatureKeyFuzzTest;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.token.TokenVerifierFuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fuzz target behind one {@code @FuzzTest}, for the bounded run of {@code mvn verify}: Jazzer
 * fuzzes one test per JVM, and a JVM with Jazzer's agent takes 10-20 s to start here, so sixteen
 * targets in sixteen JVMs would spend the two minutes CI allows on start-ups. The first input byte
 * selects the target (modulo their number), the rest is that target's input; the seeds are every
 * target's seeds and corpus files behind their selector byte, and coverage guidance spreads the
 * time over the targets by what each still discovers.
 *
 * <p>An input this run finds is saved under {@code AllParsersFuzzTestInputs/allParsers/} (replayed
 * from then on like every corpus); its first byte names the target (the index in {@link #TARGETS}).
 */
class AllParsersFuzzTest {

    static final List<FuzzTarget> TARGETS =
            List.of(
                    StructuredFieldsFuzzTest.TARGET,
                    SignatureSetFuzzTest.TARGET,
                    SignatureKeyFuzzTest.TARGET,
                    JwsFuzzTest.TARGET,
                    JwkFuzzTest.TARGET,
                    ContentDigestFuzzTest.TARGET,
                    AAuthRequirementFuzzTest.TARGET,
                    MissionHeaderFuzzTest.TARGET,
                    PreferWaitFuzzTest.TARGET,
                    IdentifierFuzzTest.TARGET,
                    CanonicalPathFuzzTest.TARGET,
                    DiscoveryFuzzTest.TARGET,
                    TokenRequestFuzzTest.TARGET,
                    TokenVerifierFuzzTest.TARGET,
                    AAuthRequestVerifierFuzzTest.TARGET,
                    JsonReaderFuzzTest.TARGET);

    /** This run's own corpus directory: inputs it found, replayed through their targets. */
    static final FuzzTarget TARGET =
            new FuzzTarget(
                    "all targets (found by the all-targets run)",
                    AllParsersFuzzTest.class,
                    "allParsers",
                    AllParsersFuzzTest::dispatch,
                    Stream::empty);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void allParsers(byte[] data) {
        dispatch(data);
    }

    static void dispatch(byte[] data) {
        if (data.length == 0) {
            return;
        }
        FuzzTarget target = TARGETS.get((data[0] & 0xff) % TARGETS.size());
        target.harness().accept(Arrays.copyOfRange(data, 1, data.length));
    }

    /**
     * When fuzzing, every target's seeds and corpus files, behind their selector byte, written to
     * the corpus directory libFuzzer reads at start ({@code .cifuzz-corpus/<class>/<method>/},
     * Jazzer's own, created before this runs); handed to JUnit instead, each would first run as a
     * test of its own, which took 90 s here under load before fuzzing began. In regression mode
     * nothing: {@link FuzzCorpusReplayTest} replays the corpora.
     */
    static Stream<byte[]> seeds() throws IOException {
        if (System.getenv("JAZZER_FUZZ") == null) {
            return Stream.empty();
        }
        Path dir = Path.of(".cifuzz-corpus", AllParsersFuzzTest.class.getName(), "allParsers");
        Files.createDirectories(dir);
        for (int i = 0; i < TARGETS.size(); i++) {
            for (byte[] input : TARGETS.get(i).corpus().toList()) {
                byte[] seed = selected(i, input);
                Files.write(dir.resolve("seed-" + sha1(seed)), seed);
            }
        }
        return Stream.empty();
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] selected(int target, byte[] input) {
        byte[] out = new byte[input.length + 1];
        out[0] = (byte) target;
        System.arraycopy(input, 0, out, 1, input.length);
        return out;
    }
}
