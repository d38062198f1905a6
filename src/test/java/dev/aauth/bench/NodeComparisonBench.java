package dev.aauth.bench;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;

/**
 * Issue 15, "Published figures": "the same requests verified by {@code @hellocoop/httpsig} on Node
 * in the same run (Java/Node verify throughput)".
 *
 * <p>Each round signs {@code nodebench.requests} draft -11 {@code GET}s with this project's signer
 * (Ed25519, one key per 50 requests), writes them to a file, and verifies every one of them, one
 * thread, first with this project's {@link AAuthRequestVerifier} (-11 resource policy), then with
 * {@code httpsig.verify()} in a Node process ({@code src/test/node/verify-bench.cjs}) reading the
 * same file. Both sides make warm-up passes first, and both report verifications per second of wall
 * time and per second of CPU time of the whole process (Java: {@code
 * OperatingSystemMXBean.getProcessCpuTime()}, JIT and GC threads included; Node: {@code
 * process.cpuUsage()}, its worker threads included): CPU time is what a shared machine distorts
 * least, so the ratio that counts is the CPU one. Nothing else runs in either process meanwhile.
 *
 * <p>Two kinds of request, each with its own comparable work on both sides:
 *
 * <ul>
 *   <li>{@code hwk}: the key in the header (Signature-Key -08 with {@code alg}): both sides parse
 *       the three fields, build the signature base and make one Ed25519 verify.
 *   <li>{@code jwt}: a -11 agent token: httpsig decodes the JWT without checking its issuer's
 *       signature ("The issuer's signature over the assertion is NOT checked here -- the caller
 *       validates the issuer"), so the Java side runs with its verified-token cache warm (every
 *       token verified once before the measured passes): both sides then decode the token's claims,
 *       take {@code cnf.jwk} and make one Ed25519 verify.
 * </ul>
 *
 * <p>Run: {@code bench/node-verify.sh} (docs/benchmarks.md). Exit status 1 if any request fails to
 * verify on either side.
 */
public final class NodeComparisonBench {

    static final String AP = "https://agent.example";
    static final String RESOURCE = "https://resource.example";
    static final String PS = "https://ps.example";

    private final int requests = Integer.getInteger("nodebench.requests", 2000);
    private final int rounds = Integer.getInteger("nodebench.rounds", 3);
    private final int warmupPasses = Integer.getInteger("nodebench.warmup-passes", 5);
    private final int passes = Integer.getInteger("nodebench.passes", 5);
    private final Path work = Path.of(System.getProperty("nodebench.work", "target/nodebench"));
    private final Path script =
            Path.of(System.getProperty("nodebench.script", "src/test/node/verify-bench.cjs"));

    private final Clock clock = Clock.systemUTC();
    private final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    private final TokenIssuer apIssuer = new TokenIssuer(AP, apKeys, clock, AAuthProfile.DRAFT_11);

    /** A signed request: the verifier's message and the JSON Node reads. */
    record Signed(HttpRequestMessage message, Map<String, Object> json) {}

    /** Verifications of one side in one round. */
    record Throughput(double perWallSecond, double perCpuSecond) {}

    public static void main(String[] args) throws Exception {
        System.exit(new NodeComparisonBench().run());
    }

    int run() throws Exception {
        Files.createDirectories(work);
        String node = nodeVersion();
        System.out.printf(
                Locale.ROOT,
                "%d requests per round, %d rounds, %d warm-up + %d measured passes per side; %d cores; java %s; node %s%n",
                requests,
                rounds,
                warmupPasses,
                passes,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                node);
        StringBuilder table = new StringBuilder();
        table.append(
                "| round | kind | Java verifies/s (wall) | Node verifies/s (wall) | Java verifies/CPU-s | Node verifies/CPU-s | Java/Node (CPU) | load average |\n");
        table.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String kind : List.of("hwk", "jwt")) {
                // signed afresh each round: both sides check created against the 60 s window
                List<Signed> signed = sign(kind);
                Path file = work.resolve("requests-" + kind + ".json");
                List<Object> json = new ArrayList<>();
                signed.forEach(s -> json.add(s.json()));
                Files.writeString(file, JsonUtil.toJson(Map.of("requests", json)));
                Throughput java = java(kind, signed);
                Throughput nodeSide = node(file);
                double ratio = java.perCpuSecond() / nodeSide.perCpuSecond();
                ratios.computeIfAbsent(kind, k -> new ArrayList<>()).add(ratio);
                table.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %s | %.0f | %.0f | %.0f | %.0f | %.2f | %.1f |%n",
                                round,
                                kind,
                                java.perWallSecond(),
                                nodeSide.perWallSecond(),
                                java.perCpuSecond(),
                                nodeSide.perCpuSecond(),
                                ratio,
                                loadAverage()));
            }
        }
        table.append('\n');
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            List<Double> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Double::compare);
            table.append(
                    String.format(
                            Locale.ROOT,
                            "%s: Java/Node verifications per CPU-second, median of %d rounds: **%.2f** (min %.2f, max %.2f)%n",
                            e.getKey(),
                            sorted.size(),
                            sorted.get(sorted.size() / 2),
                            sorted.get(0),
                            sorted.get(sorted.size() - 1)));
        }
        System.out.println();
        System.out.println(table);
        Path out = work.resolve("results.md");
        Files.writeString(
                out, "<!-- " + Instant.now() + ", node " + node + " -->\n" + table.toString());
        System.out.println("written to " + out);
        return 0;
    }

    List<Signed> sign(String kind) {
        List<Signed> out = new ArrayList<>(requests);
        SigningKey key = null;
        SignatureKey sigKey = null;
        for (int i = 0; i < requests; i++) {
            if (i % 50 == 0) {
                key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
                Jwk pub = AAuthProfile.DRAFT_11.published(key.publicJwk());
                sigKey =
                        kind.equals("hwk")
                                ? new SignatureKey.Hwk(key.publicJwk(), "Ed25519")
                                : new SignatureKey.Jwt(
                                        apIssuer.agentToken(
                                                        "aauth:agent-" + i + "@agent.example",
                                                        pub,
                                                        PS,
                                                        Duration.ofMinutes(10),
                                                        Map.of())
                                                .compact());
            }
            String path = "/api/inventory?page=" + i;
            SignedHeaders h =
                    new AAuthRequestSigner(key, clock)
                            .sign("GET", RESOURCE + path, name -> null, sigKey, List.of());
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("signature-key", h.signatureKey());
            headers.put("signature-input", h.signatureInput());
            headers.put("signature", h.signature());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", "GET");
            json.put("authority", "resource.example");
            json.put("path", "/api/inventory");
            json.put("query", "page=" + i);
            json.put("headers", headers);
            HttpRequestMessage message =
                    HttpRequestMessage.of(
                            "GET",
                            RESOURCE + path,
                            name ->
                                    headers.get(name) == null
                                            ? null
                                            : List.of((String) headers.get(name)));
            out.add(new Signed(message, json));
        }
        return out;
    }

    AAuthRequestVerifier verifier(String kind) {
        TokenVerifier tokens =
                new TokenVerifier(
                        LocalKeyResolver.builder()
                                .add(AP, Dwk.AGENT, apKeys)
                                .profile(AAuthProfile.DRAFT_11)
                                .build(),
                        clock,
                        SecurityMode.STRICT,
                        new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES, clock),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        SignatureKeyResolver keys =
                new SignatureKeyResolver(
                        tokens,
                        (iss, dwk, kid) -> null,
                        new JktJwtVerifier(clock),
                        SecurityMode.STRICT);
        return new AAuthRequestVerifier(
                VerificationPolicy.forDraft11Resource(RESOURCE).withSchemes(Set.of(kind)),
                keys,
                clock);
    }

    Throughput java(String kind, List<Signed> signed) {
        AAuthRequestVerifier verifier = verifier(kind);
        for (int p = 0; p < warmupPasses; p++) {
            verifyAll(verifier, signed);
        }
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            verifyAll(verifier, signed);
        }
        long cpu = processCpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        double n = (double) passes * signed.size();
        return new Throughput(n / (wall / 1e9), n / (cpu / 1e9));
    }

    private static void verifyAll(AAuthRequestVerifier verifier, List<Signed> signed) {
        for (Signed s : signed) {
            if (verifier.verify(s.message()) == null) {
                throw new IllegalStateException("a request did not verify");
            }
        }
    }

    @SuppressWarnings("unchecked")
    Throughput node(Path file) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "node",
                                script.toString(),
                                file.toString(),
                                Integer.toString(warmupPasses),
                                Integer.toString(passes))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("node failed: " + out);
        }
        Map<String, Object> r;
        try {
            r = JsonUtil.parseJson(out);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("node answered " + out, e);
        }
        return new Throughput(
                ((Number) r.get("perWallSecond")).doubleValue(),
                ((Number) r.get("perCpuSecond")).doubleValue());
    }

    static String nodeVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "--version").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return v;
    }

    /** CPU time of this whole process (JIT, GC and all), as Node's {@code process.cpuUsage()}. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
