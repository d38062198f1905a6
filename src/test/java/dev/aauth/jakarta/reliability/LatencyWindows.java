package dev.aauth.jakarta.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latencies of the legitimate agents in alternating measurement windows, baseline and under load,
 * in one run (issue 12 scenarios 5 and 6: "other agents' p99 latency stays within 2x of baseline").
 *
 * <p>The windows follow an ABBA order (baseline, load, load, baseline, ...) so that a drift over
 * the run (JIT warm-up, another build on the shared cores) weighs on both kinds alike. Each
 * window's p99 is computed from its own samples; the verdict compares the <em>median</em> of the
 * load windows' p99 with the median of the baseline windows' p99, so one window disturbed by a
 * neighbour process does not decide it. A sample belongs to the window in which its request
 * started.
 */
final class LatencyWindows {

    /** One measured request: the window it started in and its latency. */
    private record Sample(int window, long nanos) {}

    private final int pairs;
    private final Duration window;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    /** The second half of the warm-up, with the load on (not measured). */
    private static final int LOADED_WARM_UP = -2;

    /** The current window: -1 or -2 during warm-up, then 0 .. 2 * pairs - 1; past the end, done. */
    private volatile int current = -1;

    LatencyWindows(int pairs, Duration window) {
        this.pairs = pairs;
        this.window = window;
    }

    /** Windows in all, baseline and load. */
    int windows() {
        return 2 * pairs;
    }

    /** ABBA: window i is a load window when i mod 4 is 1 or 2. */
    static boolean isLoad(int i) {
        int r = i % 4;
        return r == 1 || r == 2;
    }

    /** The window a request starting now belongs to (-1 warm-up, past the end once done). */
    int current() {
        return current;
    }

    /** True while the current window is a load window: the load generators run only then. */
    boolean loadOn() {
        int c = current;
        return c == LOADED_WARM_UP || (c >= 0 && c < windows() && isLoad(c));
    }

    boolean done() {
        return current >= windows();
    }

    /** Records a request that started in window {@code w} and took {@code nanos}. */
    void record(int w, long nanos) {
        if (w >= 0 && w < windows()) {
            samples.add(new Sample(w, nanos));
        }
    }

    /**
     * Runs the warm-up and then every window for its duration, switching {@link #current} at each
     * boundary; returns when the last window is over. The windows are measurement intervals, timed
     * by the clock, not waits for a condition.
     */
    void run(Duration warmUp) {
        // the first half without load, the second with it: the load's own start (threads, JIT,
        // connections) is warmed too, then measured from the first window on
        waitFor(warmUp.dividedBy(2));
        current = LOADED_WARM_UP;
        waitFor(warmUp.dividedBy(2));
        current = -1;
        for (int i = 0; i < windows(); i++) {
            current = i;
            waitFor(window);
        }
        current = windows();
    }

    private static void waitFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    /** The p99 (nearest rank) of each window, in milliseconds; NaN for a window without samples. */
    double[] p99PerWindow() {
        List<List<Long>> per = new ArrayList<>();
        for (int i = 0; i < windows(); i++) {
            per.add(new ArrayList<>());
        }
        for (Sample s : samples) {
            per.get(s.window()).add(s.nanos());
        }
        double[] p99 = new double[windows()];
        for (int i = 0; i < windows(); i++) {
            p99[i] = percentileMillis(per.get(i), 0.99);
        }
        return p99;
    }

    int samples(boolean load) {
        int n = 0;
        for (Sample s : samples) {
            if (isLoad(s.window()) == load) {
                n++;
            }
        }
        return n;
    }

    /** The p99 of all samples of one kind together, in milliseconds. */
    double pooledP99(boolean load) {
        List<Long> all = new ArrayList<>();
        for (Sample s : samples) {
            if (isLoad(s.window()) == load) {
                all.add(s.nanos());
            }
        }
        return percentileMillis(all, 0.99);
    }

    /** The median of the p99 of the windows of one kind. */
    double medianP99(boolean load) {
        double[] p99 = p99PerWindow();
        double[] kind = new double[pairs];
        int k = 0;
        for (int i = 0; i < windows(); i++) {
            if (isLoad(i) == load) {
                kind[k++] = p99[i];
            }
        }
        Arrays.sort(kind);
        return kind.length % 2 == 1
                ? kind[kind.length / 2]
                : (kind[kind.length / 2 - 1] + kind[kind.length / 2]) / 2;
    }

    /**
     * The fewest samples of any window: a window the legitimate agents could not use is a failure.
     */
    int fewestSamples() {
        int[] n = new int[windows()];
        for (Sample s : samples) {
            n[s.window()]++;
        }
        return Arrays.stream(n).min().orElse(0);
    }

    /** The verdict's ratio: median load-window p99 over median baseline-window p99. */
    double ratio() {
        return medianP99(true) / medianP99(false);
    }

    static double percentileMillis(List<Long> nanos, double q) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * a.length) - 1;
        return a[Math.max(0, Math.min(a.length - 1, rank))]
                / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    /** A one-line summary for the test's output and the documentation. */
    String summary(String load) {
        double[] p99 = p99PerWindow();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < p99.length; i++) {
            w.append(isLoad(i) ? "L" : "B")
                    .append(String.format(Locale.ROOT, "%.1f", p99[i]))
                    .append(i + 1 < p99.length ? " " : "");
        }
        return String.format(
                Locale.ROOT,
                "%s: legitimate p99 median baseline %.1f ms, under %s %.1f ms, ratio %.2f"
                        + " (pooled p99 %.1f / %.1f ms; samples %d / %d; windows [%s])",
                load,
                medianP99(false),
                load,
                medianP99(true),
                ratio(),
                pooledP99(false),
                pooledP99(true),
                samples(false),
                samples(true),
                w);
    }
}
