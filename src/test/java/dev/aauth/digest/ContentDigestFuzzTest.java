package dev.aauth.digest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: {@code Content-Digest} (RFC 9530) checked against a body. Input: line 1 is the body,
 * every further line a field line of {@code Content-Digest}. Seeded with the RFC's examples.
 */
public final class ContentDigestFuzzTest {

    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "Content-Digest",
                    ContentDigestFuzzTest.class,
                    "contentDigest",
                    ContentDigestFuzzTest::fuzz,
                    ContentDigestFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void contentDigest(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        byte[] body = lines.get(0).getBytes(StandardCharsets.ISO_8859_1);
        List<String> field = lines.subList(1, lines.size());
        Fuzz.check(input, () -> ContentDigest.verify(body, field));
    }

    static Stream<byte[]> seeds() {
        String hello = "{\"hello\": \"world\"}";
        return Stream.of(
                Fuzz.bytes(hello + "\nsha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"),
                Fuzz.bytes(
                        hello
                                + "\nsha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgB"
                                + "Wnrlliu7BNNyealdVLvRwEmTHWXvJwew==:\nsha-256=:X48E9qOokqqrvdts8nOJ"
                                + "RJN3OWDUoyWxBf7kbu9DBPE=:"),
                Fuzz.bytes("\nsha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:, md5=:AA==:"),
                Fuzz.bytes(
                        hello
                                + "\n"
                                + ContentDigest.create(
                                        hello.getBytes(StandardCharsets.UTF_8),
                                        ContentDigest.Algorithm.SHA_256,
                                        ContentDigest.Algorithm.SHA_512)),
                Fuzz.amplified("x\n", "unixsum=:AAAA:, ", 8, "sha-256=:AA==:"));
    }
}
