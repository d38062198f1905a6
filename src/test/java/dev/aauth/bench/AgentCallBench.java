package dev.aauth.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 15, "Agent calls as fast as a plain client": latency of a cached call (auth token already
 * cached) through the MicroProfile REST Client interface with the project's signing filter, against
 * the same request signed by the core signer on a plain {@code java.net.http.HttpClient}, to the
 * same protected resource, in one run. Target: REST at most 1.5x plain (median; p90 and p99 shown).
 *
 * <p>The clients must run inside the container, so the measuring happens in the bench-only WAR
 * variant ({@code dev.aauth.bench.agentcall.AgentCallEndpoint}, deployed with {@code
 * -Dhttpbench.app.suffix=-agentcall-bench}); this driver asks it on the person origin (where the
 * backend agent lives) to call the supply-chain origin, and computes the figures. Run by {@code
 * bench/http-load.sh --agent-call}. Not a test.
 *
 * <p>System properties: {@code httpbench.person}, {@code httpbench.supply} (origins), {@code
 * httpbench.rounds} [10], {@code httpbench.calls} [200] per kind per round, {@code
 * httpbench.warmup} [500] per kind, {@code httpbench.max-ratio} [1.5] (above it, for GET or POST,
 * the exit status is 2), {@code httpbench.out} (a Markdown copy of the table).
 */
public final class AgentCallBench {

    public static void main(String[] args) throws Exception {
        System.exit(run());
    }

    static int run() throws Exception {
        String person = System.getProperty("httpbench.person", "http://localhost:29080");
        String supply = System.getProperty("httpbench.supply", "http://localhost:29081");
        int rounds = Integer.getInteger("httpbench.rounds", 10);
        int calls = Integer.getInteger("httpbench.calls", 200);
        int warmup = Integer.getInteger("httpbench.warmup", 500);
        double maxRatio = Double.parseDouble(System.getProperty("httpbench.max-ratio", "1.5"));
        String loadBefore = loadAverage();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri =
                URI.create(
                        person
                                + "/bench/agent-call?target="
                                + supply
                                + "&rounds="
                                + rounds
                                + "&calls="
                                + calls
                                + "&warmup="
                                + warmup);
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        String loadAfter = loadAverage();
        if (r.statusCode() != 200) {
            System.err.println("agent-call: " + r.statusCode() + " " + r.body());
            return 1;
        }
        Map<String, long[]> samples = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            String[] f = line.trim().split(" ");
            samples.put(f[0], Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray());
        }
        StringBuilder md = new StringBuilder();
        md.append(
                String.format(
                        Locale.ROOT,
                        "agent-call: %d cores (nproc), load average %s before, %s after; %d rounds"
                                + " x %d calls per kind after %d warm-up calls each%n%n",
                        Runtime.getRuntime().availableProcessors(),
                        loadBefore,
                        loadAfter,
                        rounds,
                        calls,
                        warmup));
        md.append("| call | median ms | p90 ms | p99 ms |\n|---|---:|---:|---:|\n");
        samples.forEach(
                (k, v) -> {
                    Arrays.sort(v);
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %.3f | %.3f | %.3f |%n",
                                    k,
                                    pct(v, 50),
                                    pct(v, 90),
                                    pct(v, 99)));
                });
        md.append('\n');
        int status = 0;
        for (String method : new String[] {"get", "post"}) {
            long[] rest = samples.get("rest-" + method);
            long[] plain = samples.get("plain-" + method);
            double ratio = pct(rest, 50) / pct(plain, 50);
            boolean met = ratio <= maxRatio;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "%s: REST Client / plain client, median %.2fx (p90 %.2fx, p99 %.2fx);"
                                    + " target at most %.2fx: %s%n",
                            method.toUpperCase(Locale.ROOT),
                            ratio,
                            pct(rest, 90) / pct(plain, 90),
                            pct(rest, 99) / pct(plain, 99),
                            maxRatio,
                            met ? "met" : "MISSED"));
            if (!met) {
                status = 2;
            }
        }
        System.out.print(md);
        String out = System.getProperty("httpbench.out");
        if (out != null && !out.isBlank()) {
            Path p = Path.of(out);
            Files.createDirectories(p.getParent());
            Files.writeString(p, md.toString());
        }
        return status;
    }

    /** The q-th percentile of sorted nanoseconds, in milliseconds (nearest rank). */
    static double pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
