package dev.aauth.sigkey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.jose.Jwk;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sfv.ByteSequence;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import dev.aauth.token.Actor;
import dev.aauth.token.TokenType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the {@code Signature-Key} header (Signature-Key draft) and every scheme's key
 * resolution ({@code hwk}, {@code jwt} with agent and auth tokens, {@code jwks_uri} resolved in
 * memory, {@code jkt-jwt}, {@code x509} refused), as a resource resolves them; and the draft's two
 * response headers an agent reads, {@code Accept-Signature} and {@code Signature-Error}. What
 * parses must serialize and parse back to the same key. Input: one header value (all three parsers
 * read it).
 */
public final class SignatureKeyFuzzTest {

    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "Signature-Key",
                    SignatureKeyFuzzTest.class,
                    "signatureKey",
                    SignatureKeyFuzzTest::fuzz,
                    SignatureKeyFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void signatureKey(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        String value = Fuzz.latin1(input);
        Fuzz.check(
                input,
                () -> {
                    SignatureKeyHeader header = SignatureKeyHeader.parse(value);
                    SignatureKeyResolver keys = new FuzzWorld().signatureKeys();
                    for (String label : header.labels()) {
                        Fuzz.check(input, () -> resolve(header, label, keys));
                    }
                });
        Fuzz.check(
                input,
                () -> {
                    AcceptSignature accept = AcceptSignature.parse(value);
                    if (accept != null) {
                        accept.headerValue();
                    }
                });
        Fuzz.check(input, () -> SignatureError.parse(value).headerValue());
    }

    private static void resolve(
            SignatureKeyHeader header, String label, SignatureKeyResolver keys) {
        SignatureKey key = header.keyFor(label);
        SignatureKey again =
                SignatureKeyHeader.parse(SignatureKeyHeader.serialize(label, key)).keyFor(label);
        assertEquals(key, again, "a parsed Signature-Key serializes and parses back to itself");
        ResolvedKey resolved =
                keys.resolve(
                        key,
                        VerificationPolicy.ALL_SCHEMES,
                        EnumSet.of(TokenType.AGENT, TokenType.AUTH),
                        FuzzWorld.RESOURCE);
        resolved.key().thumbprint();
    }

    static Stream<byte[]> seeds() {
        FuzzWorld world = new FuzzWorld();
        Jwk agent = FuzzWorld.AGENT_KEY.publicJwk();
        Jwk agentEc = FuzzWorld.AGENT_EC_KEY.publicJwk();
        List<String> values = new ArrayList<>();
        values.add(SignatureKeyHeader.serialize("sig", new SignatureKey.Hwk(agent)));
        values.add(SignatureKeyHeader.serialize("sig", new SignatureKey.Hwk(agentEc)));
        values.add(
                SignatureKeyHeader.serialize("sig", new SignatureKey.Jwt(world.agentToken(agent))));
        values.add(
                SignatureKeyHeader.serialize(
                        "sig", new SignatureKey.Jwt(world.authToken(Actor.of(FuzzWorld.AGENT)))));
        values.add(
                SignatureKeyHeader.serialize(
                        "sig",
                        new SignatureKey.JwksUri(FuzzWorld.AP, "aauth-agent.json", "agent-1")));
        values.add(SignatureKeyHeader.serialize("sig", new SignatureKey.JktJwt(world.jktJwt())));
        values.add(
                SignatureKeyHeader.serialize(
                        "sig",
                        new SignatureKey.X509(
                                "https://agents.example/cert.pem", ByteSequence.of(new byte[32]))));
        values.add(
                SignatureKeyHeader.serialize(
                        Map.of(
                                "a",
                                new SignatureKey.Hwk(agent),
                                "b",
                                new SignatureKey.JwksUri(
                                        FuzzWorld.PS, "aauth-person.json", "ps-1"))));
        values.add(
                "sig1=(\"@method\" \"@path\" \"@authority\");alg=\"ecdsa-p256-sha256\";sigkey=uri");
        values.add("sig1=(\"@method\" \"@path\" \"@authority\");sigkey=jkt");
        values.add(
                "error=unsupported_algorithm, supported_algorithms=(\"ed25519\" \"ecdsa-p256-sha256\")");
        values.add("error=invalid_input, required_input=(\"@method\" \"content-digest\")");
        List<byte[]> seeds = new ArrayList<>();
        values.forEach(v -> seeds.add(Fuzz.bytes(v)));
        seeds.add(Fuzz.amplified("sig=hwk;kty=\"OKP\"", ";a=\"b\"", 10, ""));
        seeds.add(Fuzz.amplified("", "a=jwt;jwt=\"x\", ", 9, "sig=jwt;jwt=\"y\""));
        return seeds.stream();
    }
}
