package dev.aauth.bench;

import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.resource.AccessDecider;
import dev.aauth.jakarta.resource.AccessLevel;
import dev.aauth.jakarta.resource.Decision;
import dev.aauth.jakarta.resource.DecisionLog;
import dev.aauth.jakarta.resource.InMemoryRevocationStore;
import dev.aauth.jakarta.resource.Protection;
import dev.aauth.jakarta.resource.ResourceSettings;
import dev.aauth.jakarta.resource.ResourceTokens;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 15, "Cheaper protection": what the in-process filter adds to a protected request, against
 * one Ed25519 verify measured in the same run, and what a cold verification allocates.
 *
 * <ul>
 *   <li>{@code bareEd25519Verify}: one BouncyCastle Ed25519 verify of the request's signature base
 *       (the unit);
 *   <li>{@code protectedRequest}: the filter's work for an allowed {@code GET /api/inventory}
 *       carrying an auth token seen before (a real agent's steady state): {@link
 *       AccessDecider#decide} (the whole "Verification (Server)", revocation, scopes, caller) and
 *       the decision log line through {@code java.util.logging} (a handler writing the line as it
 *       is into a stream that discards it: Liberty's own formatting and write to {@code
 *       messages.log} are not in this figure). Target: at most 1.3x {@code bareEd25519Verify};
 *   <li>{@code coldProtectedRequest}: the same with a never-seen token (parsed and its signature
 *       verified too);
 *   <li>{@code coldVerification}: "Verification (Server)" alone of that request with a never-seen
 *       token, as {@code RequestVerificationBench.coldAuthTokenRequest}: its allocation per
 *       operation is the cold verification figure. Target: at most 24 KB.
 * </ul>
 *
 * Run: {@code mvn -Pbench test -Djmh.main=dev.aauth.bench.ProtectedPathBench} (JMH options in
 * {@code -Djmh.args}, default 1 fork, 5 x 2 s after 4 x 2 s). Prints both ratios against their
 * targets.
 */
public class ProtectedPathBench extends MicrosecondBench {

    static final double MAX_RATIO = 1.3;
    static final double MAX_COLD_BYTES = 24 * 1024;

    private static final Protection READ =
            new Protection(AccessLevel.AUTH_TOKEN, List.of("supply-chain:read"), "bench");

    private HttpRequestMessage request;
    private AccessDecider warm;
    private AccessDecider cold;
    private dev.aauth.profile.AAuthRequestVerifier coldVerifier;
    private DecisionLog log;
    private BareVerify bare;

    @Setup
    public void setup() {
        AAuthFixture f = new AAuthFixture();
        String authToken = f.authToken(List.of("supply-chain:read"));
        request = f.signedGet("/api/inventory", new SignatureKey.Jwt(authToken)).message();
        ResourceSettings settings =
                new ResourceSettings(
                        Optional.empty(),
                        Map.of("supply-chain:read", "Read supply chain"),
                        List.of("supply-chain:read"),
                        AccessLevel.IDENTITY,
                        List.of(),
                        Set.of(AAuthFixture.PS),
                        Optional.empty(),
                        Set.of("jwt"),
                        EnumSet.of(TokenType.AGENT, TokenType.AUTH),
                        Duration.ofSeconds(60),
                        List.of());
        warm = decider(f, settings, new VerifiedTokenCache(1000, f.clock));
        cold = decider(f, settings, VerifiedTokenCache.disabled(f.clock));
        coldVerifier =
                f.verifier(
                        VerificationPolicy.forResource(AAuthFixture.RESOURCE),
                        VerifiedTokenCache.disabled(f.clock));
        Logger decisions = Logger.getLogger(DecisionLog.LOGGER);
        decisions.setUseParentHandlers(false);
        decisions.setLevel(Level.INFO);
        decisions.addHandler(new StreamHandler(OutputStream.nullOutputStream(), new LineOnly()));
        log = new DecisionLog(AAuthFixture.RESOURCE, f.clock);
        bare = new BareVerify(request, f.agentKey.publicJwk());
        if (!bareEd25519Verify()
                || !(protectedRequest() instanceof Decision.Allowed)
                || !(coldProtectedRequest() instanceof Decision.Allowed)) {
            throw new IllegalStateException("benchmark inputs are not allowed");
        }
    }

    /** The decision line as it is (the line carries its own time): what a log file receives. */
    static final class LineOnly extends Formatter {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + System.lineSeparator();
        }
    }

    private static AccessDecider decider(
            AAuthFixture f, ResourceSettings settings, VerifiedTokenCache cache) {
        return new AccessDecider(
                f.verifier(VerificationPolicy.forResource(AAuthFixture.RESOURCE), cache),
                settings,
                new ResourceTokens(f.resource, settings),
                new InMemoryRevocationStore(f.clock),
                SecurityMode.STRICT);
    }

    @Benchmark
    public boolean bareEd25519Verify() {
        return bare.verify();
    }

    @Benchmark
    public Decision protectedRequest() {
        return filter(warm);
    }

    @Benchmark
    public Decision coldProtectedRequest() {
        return filter(cold);
    }

    @Benchmark
    public Object coldVerification() {
        return coldVerifier.verify(request);
    }

    private Decision filter(AccessDecider decider) {
        long start = System.nanoTime();
        Decision d = decider.decide(request, READ, () -> new byte[0]);
        log.log("GET", "/api/inventory", d, System.nanoTime() - start);
        return d;
    }

    /** Runs the four benchmarks with the GC profiler and prints the ratios against the targets. */
    public static void main(String[] args) throws RunnerException, Exception {
        Options cli = new CommandLineOptions(optionsOnly(args));
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli).include(ProtectedPathBench.class.getName() + "\\.");
        if (!String.join(" ", args).contains("-prof gc")) {
            builder.addProfiler(GCProfiler.class);
        }
        Options options = builder.build();
        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult r : new Runner(options).run()) {
            String label = r.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), r);
        }
        double bare = score(byName, "bareEd25519Verify");
        double warmUs = score(byName, "protectedRequest");
        double coldUs = score(byName, "coldProtectedRequest");
        double coldBytes = alloc(byName, "coldVerification");
        double coldPathBytes = alloc(byName, "coldProtectedRequest");
        double warmBytes = alloc(byName, "protectedRequest");
        double ratio = warmUs / bare;
        System.out.printf(
                "%nProtected path (issue 15): bare Ed25519 verify %.1f us; protected request %.1f"
                        + " us = %.2fx one verify (target <= %.1f): %s%n",
                bare, warmUs, ratio, MAX_RATIO, ratio <= MAX_RATIO ? "met" : "NOT met");
        System.out.printf(
                "Cold verification allocates %.1f KB (target <= %.0f KB): %s; the cold protected"
                        + " request %.1f us = %.2fx, %.1f KB; the protected request %.1f KB%n",
                coldBytes / 1024,
                MAX_COLD_BYTES / 1024,
                coldBytes <= MAX_COLD_BYTES ? "met" : "NOT met",
                coldUs,
                coldUs / bare,
                coldPathBytes / 1024,
                warmBytes / 1024);
    }

    /**
     * The JMH options of {@code args} without benchmark patterns (the bench profile's default
     * {@code jmh.args} names {@code RequestVerificationBench}): an argument not starting with '-'
     * is kept only as the value of the option before it.
     */
    static String[] optionsOnly(String[] args) {
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("-") || (i > 0 && args[i - 1].startsWith("-"))) {
                kept.add(args[i]);
            }
        }
        return kept.toArray(new String[0]);
    }

    private static double score(Map<String, RunResult> results, String name) {
        return results.get(name).getPrimaryResult().getScore();
    }

    private static double alloc(Map<String, RunResult> results, String name) {
        Result<?> r = results.get(name).getSecondaryResults().get("·gc.alloc.rate.norm");
        if (r == null) {
            r = results.get(name).getSecondaryResults().get("gc.alloc.rate.norm");
        }
        return r == null ? Double.NaN : r.getScore();
    }
}
