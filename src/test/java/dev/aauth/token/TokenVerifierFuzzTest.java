package dev.aauth.token;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jwk;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: AAuth tokens (agent, resource and auth tokens) through every verification entry
 * point: in {@code Signature-Key} at a resource, as an agent token, as an auth token at a resource,
 * a resource token at the PS, a resource challenge at the agent and an auth token response at the
 * agent; one verifier per input, so later entry points also meet the verified-token cache.
 *
 * <p>Input: a compact JWS as it is, or {@code <header JSON> LF <claims JSON>}, which the harness
 * encodes and signs with the fuzz world's key named by the header's {@code kid}: a mutated claim
 * set still carries a valid signature, so every claim check and the code after the signature run.
 * Seeded with the world's valid tokens of each type.
 */
public final class TokenVerifierFuzzTest {

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "tokens",
                    TokenVerifierFuzzTest.class,
                    "tokens",
                    TokenVerifierFuzzTest::fuzz,
                    TokenVerifierFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void tokens(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, 20 * 1024);
        String compact = FuzzWorld.compactJws(Fuzz.utf8(input));
        TokenVerifier verifier = new FuzzWorld().tokenVerifier();
        Jwk agentKey = FuzzWorld.AGENT_KEY.publicJwk();
        String jkt = agentKey.thumbprint();
        Fuzz.check(
                input,
                () ->
                        verifier.verifySignatureKeyJwt(
                                compact, EnumSet.of(TokenType.AGENT, TokenType.AUTH)));
        Fuzz.check(input, () -> verifier.verifyAgentToken(compact));
        Fuzz.check(input, () -> verifier.verifyAuthToken(compact, FuzzWorld.RESOURCE));
        Fuzz.check(
                input,
                () ->
                        verifier.verifyResourceToken(
                                compact, FuzzWorld.PS, FuzzWorld.AGENT, jkt, FuzzWorld.PS));
        Fuzz.check(
                input,
                () ->
                        verifier.verifyResourceChallenge(
                                compact, FuzzWorld.RESOURCE, FuzzWorld.AGENT, jkt));
        Fuzz.check(
                input,
                () ->
                        verifier.verifyAuthTokenResponse(
                                compact,
                                FuzzWorld.PS,
                                FuzzWorld.RESOURCE,
                                agentKey,
                                FuzzWorld.AGENT));
    }

    static Stream<byte[]> seeds() {
        FuzzWorld world = new FuzzWorld();
        Mission mission = new Mission(FuzzWorld.PS, Base64Url.encode(new byte[32]));
        List<String> tokens =
                List.of(
                        world.agentToken(FuzzWorld.AGENT_KEY.publicJwk()),
                        world.agentToken(FuzzWorld.AGENT_EC_KEY.publicJwk()),
                        world.resourceToken(mission),
                        world.authToken(Actor.of(FuzzWorld.AGENT)),
                        world.authToken(
                                Actor.nest(
                                        FuzzWorld.AGENT,
                                        Actor.nest(
                                                "aauth:upstream@agents.example",
                                                Actor.of("aauth:first@agents.example")))));
        List<byte[]> seeds = new ArrayList<>();
        for (String t : tokens) {
            seeds.add(Fuzz.bytes(t));
            seeds.add(FuzzWorld.decodedJws(t).getBytes(StandardCharsets.UTF_8));
        }
        seeds.add(
                Fuzz.amplified(
                        "{\"typ\":\"aa-auth+jwt\",\"alg\":\"EdDSA\",\"kid\":\"ps-1\"}\n{\"act\":",
                        "{\"sub\":\"aauth:a@agents.example\",\"act\":",
                        8,
                        "{}"));
        return seeds.stream();
    }
}
