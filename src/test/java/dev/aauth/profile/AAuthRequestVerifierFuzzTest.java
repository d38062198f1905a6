package dev.aauth.profile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.header.MissionHeader;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import dev.aauth.token.Actor;
import dev.aauth.token.Mission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the whole request verifier, the AAuth draft's "Verification (Server)" as a resource
 * runs it: the three signature headers, label choice, required components, {@code created} and
 * {@code expires}, every Signature-Key scheme (keys, agent and auth tokens, jkt-jwt delegations
 * resolved in memory: no network), the signature base and the signature; then the covered {@code
 * AAuth-Mission}. One world per input (fresh caches), its clock fixed at the time the seeds were
 * signed.
 *
 * <p>Input: a request as text, {@code <METHOD> <path?query>} on the first line, then {@code name:
 * value} field lines. The authority is the resource's own ({@code resource.example}), as the JAX-RS
 * adapter takes it from configuration, never from the request. Seeded with requests signed under
 * each scheme.
 */
public final class AAuthRequestVerifierFuzzTest {

    /** All request header fields together: eight fields at Open Liberty's per-field default. */
    static final int MAX_LENGTH = 64 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "request verifier",
                    AAuthRequestVerifierFuzzTest.class,
                    "requestVerifier",
                    AAuthRequestVerifierFuzzTest::fuzz,
                    AAuthRequestVerifierFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void requestVerifier(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        HttpRequestMessage request = request(Fuzz.latin1(input));
        FuzzWorld world = new FuzzWorld();
        AAuthRequestVerifier verifier = world.verifier(List.of());
        Fuzz.check(
                input,
                () -> {
                    VerifiedRequest verified = verifier.verify(request);
                    verified.identity();
                    MissionHeader.signedMission(request, verified, SecurityMode.STRICT);
                });
    }

    /**
     * The request an input stands for; what no container would pass on (a method that is not a
     * token, a target that is not in origin form) becomes {@code GET /}.
     */
    static HttpRequestMessage request(String text) {
        List<String> lines = Fuzz.lines(text);
        String method = "GET";
        String path = "/";
        String query = null;
        String[] start = lines.get(0).split(" ", 2);
        if (start.length == 2 && Fuzz.isToken(start[0]) && start[1].startsWith("/")) {
            method = start[0];
            int q = start[1].indexOf('?');
            path = q < 0 ? start[1] : start[1].substring(0, q);
            query = q < 0 ? null : start[1].substring(q + 1);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && Fuzz.isToken(line.substring(0, colon))) {
                fields.computeIfAbsent(
                                line.substring(0, colon).toLowerCase(Locale.ROOT),
                                k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        return HttpRequestMessage.of(
                method,
                "https",
                "resource.example",
                path,
                query,
                name -> fields.get(name.toLowerCase(Locale.ROOT)));
    }

    static Stream<byte[]> seeds() {
        FuzzWorld world = new FuzzWorld();
        List<byte[]> seeds = new ArrayList<>();
        String target = "https://resource.example/api/inventory?sku=a%20b&n=1";
        seeds.add(
                seed(
                        world,
                        FuzzWorld.AGENT_KEY,
                        "GET",
                        target,
                        Map.of(),
                        new SignatureKey.Hwk(FuzzWorld.AGENT_KEY.publicJwk()),
                        List.of()));
        seeds.add(
                seed(
                        world,
                        FuzzWorld.AGENT_KEY,
                        "GET",
                        target,
                        Map.of(),
                        new SignatureKey.Jwt(world.agentToken(FuzzWorld.AGENT_KEY.publicJwk())),
                        List.of()));
        Map<String, String> post = new LinkedHashMap<>();
        post.put("content-type", "application/json");
        post.put("content-digest", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        post.put(
                "aauth-mission",
                MissionHeader.serialize(
                        new Mission(FuzzWorld.PS, Base64Url.encode(new byte[32])),
                        SecurityMode.STRICT));
        seeds.add(
                seed(
                        world,
                        FuzzWorld.AGENT_KEY,
                        "POST",
                        "https://resource.example/api/orders",
                        post,
                        new SignatureKey.Jwt(world.authToken(Actor.of(FuzzWorld.AGENT))),
                        List.of("content-type", "content-digest", "aauth-mission")));
        seeds.add(
                seed(
                        world,
                        FuzzWorld.AGENT_KEY,
                        "DELETE",
                        target,
                        Map.of(),
                        new SignatureKey.JwksUri(FuzzWorld.AP, "aauth-agent.json", "agent-1"),
                        List.of("@query")));
        seeds.add(
                seed(
                        world,
                        FuzzWorld.AGENT_EC_KEY,
                        "GET",
                        target,
                        Map.of(),
                        new SignatureKey.JktJwt(world.jktJwt()),
                        List.of("@target-uri")));
        return seeds.stream();
    }

    private static byte[] seed(
            FuzzWorld world,
            SigningKey signer,
            String method,
            String target,
            Map<String, String> fields,
            SignatureKey key,
            List<String> extra) {
        SignedHeaders h = world.sign(signer, method, target, fields, key, extra);
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target.substring("https://resource.example".length()));
        fields.forEach((n, v) -> sb.append('\n').append(n).append(": ").append(v));
        sb.append("\nsignature-key: ").append(h.signatureKey());
        sb.append("\nsignature-input: ").append(h.signatureInput());
        sb.append("\nsignature: ").append(h.signature());
        return Fuzz.bytes(sb.toString());
    }
}
