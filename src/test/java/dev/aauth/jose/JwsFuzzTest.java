package dev.aauth.jose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import dev.aauth.token.Actor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: compact JWS parsing (RFC 7515 section 7.1, AAuth's restrictions: three unpadded
 * base64url parts, JSON object header and payload, {@code alg} EdDSA/Ed25519/ES256 only, no {@code
 * crit} or {@code b64}), the header {@code jwk}, and signature verification with the key the header
 * names.
 *
 * <p>Input: either a compact JWS as it is, or {@code <header JSON> LF <payload JSON>}, which the
 * harness encodes and signs with the fuzz world's key named by the header's {@code kid} (so a
 * mutated header or payload still carries a valid signature and the whole path runs). Seeded with
 * the fuzz world's tokens.
 */
public final class JwsFuzzTest {

    public static final FuzzTarget TARGET =
            new FuzzTarget("JWS", JwsFuzzTest.class, "jws", JwsFuzzTest::fuzz, JwsFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void jws(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, Jws.MAX_COMPACT_LENGTH + 1024);
        String compact = FuzzWorld.compactJws(Fuzz.utf8(input));
        Fuzz.check(
                input,
                () -> {
                    ParsedJws jws = Jws.parse(compact);
                    jws.typ();
                    jws.kid();
                    jws.toString();
                    Jwk key =
                            jws.headerJwk()
                                    .orElse(
                                            FuzzWorld.signerFor(jws.header().get("kid"))
                                                    .publicJwk());
                    jws.isValidSignature(key);
                    jws.verify(key);
                });
    }

    static Stream<byte[]> seeds() {
        FuzzWorld world = new FuzzWorld();
        List<byte[]> seeds = new ArrayList<>();
        List<String> tokens =
                List.of(
                        world.agentToken(FuzzWorld.AGENT_KEY.publicJwk()),
                        world.authToken(Actor.of(FuzzWorld.AGENT)),
                        world.resourceToken(null),
                        world.jktJwt());
        for (String t : tokens) {
            seeds.add(Fuzz.bytes(t));
            seeds.add(FuzzWorld.decodedJws(t).getBytes(StandardCharsets.UTF_8));
        }
        seeds.add(Fuzz.bytes("{\"alg\":\"ES256\",\"kid\":\"ap-2\"}\n{}"));
        seeds.add(Fuzz.bytes("{\"alg\":\"none\"}\n{}"));
        seeds.add(Fuzz.amplified("{\"alg\":\"EdDSA\",\"x\":", "[", 14, "\n{}"));
        seeds.add(Fuzz.amplified("{\"alg\":\"EdDSA\"}\n{\"a\":", "{\"a\":", 12, ""));
        return seeds.stream();
    }
}
