package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: JWK (RFC 7517, 8037, 7518 section 6), JWK Set documents and persisted private JWKs,
 * from JSON text: parsing and validation (curve points, lengths, private members, {@code alg}
 * consistency), thumbprints (RFC 7638), the verification key, and a round trip through {@code
 * toJson}. Seeded with the RFC keys, the Wycheproof groups' public keys and JWK Sets of them.
 */
public final class JwkFuzzTest {

    /** The JWKS fetch limit of {@code SafeHttpFetcher}. */
    static final int MAX_LENGTH = 256 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "JWK / JWKS", JwkFuzzTest.class, "jwk", JwkFuzzTest::fuzz, JwkFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void jwk(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        String json = Fuzz.utf8(input);
        Fuzz.check(
                input,
                () -> {
                    Jwk jwk = Jwk.parseJson(json);
                    assertEquals(jwk, Jwk.parseJson(jwk.toJson()));
                    jwk.thumbprintUri(Jwk.SHA_512);
                    jwk.withoutMetadata().thumbprint();
                    jwk.verificationKey().verify(input, new byte[64]);
                });
        Fuzz.check(
                input,
                () -> {
                    JwkSet set = JwkSet.parseJson(json);
                    assertEquals(set, JwkSet.parseJson(set.toJson()));
                    for (Jwk k : set.keys()) {
                        set.byKid(k.kid().orElse(null));
                        set.findSameKey(k.withoutMetadata());
                    }
                });
        Fuzz.check(input, () -> SigningKey.fromJwkJson(json).publicJwk().thumbprint());
    }

    @SuppressWarnings("unchecked")
    static Stream<byte[]> seeds() {
        List<String> jsons = new ArrayList<>();
        jsons.add(TestKeys.RFC8037_PRIVATE_JWK);
        jsons.add(TestKeys.RFC8037_PUBLIC_JWK);
        jsons.add(JsonUtil.toJson(TestKeys.DRAFT_P256));
        jsons.add(FuzzWorld.AGENT_KEY.toPrivateJwkJson());
        jsons.add(FuzzWorld.AGENT_EC_KEY.toPrivateJwkJson());
        List<Jwk> keys = new ArrayList<>();
        for (String file : List.of("ed25519_test.json", "ecdsa_secp256r1_sha256_p1363_test.json")) {
            try {
                Map<String, Object> doc =
                        JsonUtil.parseJson(
                                Files.readString(
                                        Path.of(
                                                System.getProperty(
                                                        "aauth.vectors", "../shared/vectors"),
                                                "wycheproof",
                                                file)));
                List<Object> groups = (List<Object>) doc.get("testGroups");
                for (Object g : groups.subList(0, Math.min(6, groups.size()))) {
                    Object jwk = ((Map<String, Object>) g).get("publicKeyJwk");
                    if (jwk instanceof Map<?, ?> m) {
                        jsons.add(JsonUtil.toJson((Map<String, ?>) m));
                        keys.add(Jwk.parse((Map<String, ?>) m));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        keys.add(FuzzWorld.AP_KEY.publicJwk());
        keys.add(FuzzWorld.AP_EC_KEY.publicJwk());
        jsons.add(JwkSet.of(keys).toJson());
        jsons.add(
                "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"kid\":\"r\"},"
                        + "{\"kty\":\"oct\",\"k\":\"AAAA\"},{\"kty\":\"OKP\",\"crv\":\"X25519\","
                        + "\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},"
                        + "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}]}");
        List<byte[]> seeds = new ArrayList<>();
        jsons.forEach(j -> seeds.add(Fuzz.bytes(j)));
        seeds.add(Fuzz.amplified("{\"keys\":", "[", 16, ""));
        seeds.add(Fuzz.amplified("{\"kty\":\"OKP\",\"x\":\"", "AAAA", 15, "\"}"));
        return seeds.stream();
    }
}
