package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.error.AAuthError;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import dev.aauth.token.Actor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: {@link JsonReader}, the strict RFC 8259 reader of JOSE headers, JWT claims and JWKs.
 *
 * <p>Input: the JSON text as UTF-8 bytes (amplifiable up to a JWKS's 256 KiB). Also checked: an
 * object it accepts, written out again by jose4j's writer, reads back to an equal object (the
 * reader and a second JSON implementation agree on what was read).
 */
public final class JsonReaderFuzzTest {

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "JSON reader",
                    JsonReaderFuzzTest.class,
                    "json",
                    JsonReaderFuzzTest::fuzz,
                    JsonReaderFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void json(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, JwkFuzzTest.MAX_LENGTH);
        Fuzz.check(
                input,
                () -> {
                    Object value = JsonReader.read(input, AAuthError.INVALID_JWT, "fuzz input");
                    if (value instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> object = (Map<String, ?>) m;
                        String again = JsonUtil.toJson(object);
                        assertEquals(
                                object,
                                JsonReader.readObject(again, AAuthError.INVALID_JWT, "again"));
                    }
                });
    }

    static Stream<byte[]> seeds() {
        FuzzWorld world = new FuzzWorld();
        List<byte[]> seeds = new ArrayList<>();
        for (String t :
                List.of(
                        world.agentToken(FuzzWorld.AGENT_KEY.publicJwk()),
                        world.authToken(Actor.of(FuzzWorld.AGENT)),
                        world.resourceToken(null),
                        world.jktJwt())) {
            for (String part : FuzzWorld.decodedJws(t).split("\n")) {
                seeds.add(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        seeds.add(Fuzz.bytes(FuzzWorld.AGENT_EC_KEY.publicJwk().toJson()));
        for (String s :
                List.of(
                        "{\"a\":[1,-0,1.5e-3,2E+10,true,false,null,\"\\u00e9\\ud83d\\ude00\\/\"]}",
                        "{\"a\":1,\"a\":2}",
                        "{\"\\u0061\":1,\"a\":2}",
                        "[9223372036854775807,-9223372036854775808,9223372036854775808]",
                        "{\"s\":\"\\ud800\"}",
                        "\"caf\u00e9 \ud83d\ude00\"",
                        " {\"x\" : [ ] , \"y\" : { } } ",
                        "1e999")) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        seeds.add(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'});
        seeds.add(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
        seeds.add(Fuzz.amplified("", "[", 16, ""));
        seeds.add(Fuzz.amplified("{\"a\":", "{\"a\":", 12, "1}"));
        seeds.add(Fuzz.amplified("[", "1,", 16, "1]"));
        seeds.add(Fuzz.amplified("\"", "\\u00e9", 15, "\""));
        seeds.add(Fuzz.amplified("0.", "0", 16, ""));
        return seeds.stream();
    }
}
