package dev.aauth.testing;

import dev.aauth.error.AAuthException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The property every fuzz target checks (docs/conformance.md, "Fuzzing"): a parser given any input
 * either returns or throws the project's own {@link AAuthException}; nothing else escapes (no
 * {@code NullPointerException}, {@code IndexOutOfBoundsException}, {@code NumberFormatException},
 * {@code StackOverflowError}, jose4j or JSON-library exception), and no single input takes more
 * than {@link #BOUND_NANOS} (an algorithmic-complexity blow-up is a finding like a crash; while
 * Jazzer fuzzes, on instrumented code, {@link #INSTRUMENTED_SLOWDOWN} times that).
 *
 * <p>Time is measured per input with {@link System#nanoTime()} (monotonic). An input over the bound
 * is run again up to {@link #RERUNS} times and fails only when every re-run is over the bound both
 * in wall-clock time and in the thread's own CPU time: a GC pause, JIT compilation of a first
 * visit, or a busy machine that takes the CPU away inflates one run or the wall clock only, a
 * complexity blow-up inflates every run and both clocks.
 *
 * <p>Inputs can be amplified ({@link #expand}), so that a few bytes of fuzzer input stand for a
 * header or body as large as the wire allows: the sizes where a quadratic loop shows.
 */
public final class Fuzz {

    /** The most one input may take, as the code runs in production. */
    public static final long BOUND_NANOS = 50_000_000L;

    /**
     * How much slower code runs under Jazzer's coverage and comparison instrumentation while
     * fuzzing (measured: {@code CanonicalPath.parse} of a 32 KiB path, 1.3-3 ms as compiled, 40-45
     * ms instrumented). Fuzzing judges inputs by {@code BOUND_NANOS * INSTRUMENTED_SLOWDOWN}; the
     * regression replay of every seed and corpus input, uninstrumented, by {@link #BOUND_NANOS}.
     */
    public static final int INSTRUMENTED_SLOWDOWN = 20;

    private static final long LIMIT_NANOS =
            System.getenv("JAZZER_FUZZ") == null
                    ? BOUND_NANOS
                    : BOUND_NANOS * INSTRUMENTED_SLOWDOWN;

    /** How often an input over the bound is run again before it counts as a finding. */
    public static final int RERUNS = 3;

    /** The byte that starts an amplified input (never part of a valid header, URL or JSON text). */
    public static final byte EXPAND = 0x7f;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Fuzz() {}

    /** Code under test: may throw anything, which {@link #check} then judges. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /**
     * Runs {@code call} once, as the fuzzer's one execution of {@code input}: an {@link
     * AAuthException} is an accepted outcome, any other throwable propagates (Jazzer reports it
     * with the input), and so does an {@link AssertionError} when the input is over the time bound.
     */
    public static void check(byte[] input, Call call) {
        check(input, call, new Class<?>[0]);
    }

    /**
     * As {@link #check(byte[], Call)}, also accepting the given exception types (a parser whose
     * documented contract is, say, {@code IOException}, mapped to {@link AAuthException} by its one
     * caller).
     */
    public static void check(byte[] input, Call call, Class<?>... alsoAccepted) {
        long wall = System.nanoTime();
        runOnce(call, alsoAccepted);
        wall = System.nanoTime() - wall;
        if (wall <= LIMIT_NANOS) {
            return;
        }
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int i = 0; i < RERUNS; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            runOnce(call, alsoAccepted);
            long w = System.nanoTime() - start;
            long c = THREADS.getCurrentThreadCpuTime() - cpu;
            if (w <= LIMIT_NANOS || c <= LIMIT_NANOS) {
                return; // one run within the bound: the first was a pause, not the input
            }
            bestWall = Math.min(bestWall, w);
            bestCpu = Math.min(bestCpu, c);
        }
        throw new AssertionError(
                String.format(
                        "input of %d bytes took %d ms wall, %d ms CPU at best over %d re-runs"
                                + " (bound %d ms): %s",
                        input.length,
                        bestWall / 1_000_000,
                        bestCpu / 1_000_000,
                        RERUNS,
                        LIMIT_NANOS / 1_000_000,
                        preview(input)));
    }

    private static void runOnce(Call call, Class<?>[] alsoAccepted) {
        try {
            call.run();
        } catch (AAuthException e) {
            // the one error type the project's parsers may throw
        } catch (Throwable t) {
            for (Class<?> ok : alsoAccepted) {
                if (ok.isInstance(t)) {
                    return;
                }
            }
            sneakyThrow(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * The fuzzer's input as the parser sees it. Plain inputs are returned as they are. An input
     * starting with {@link #EXPAND} is {@code 0x7f n prefix 0x7f unit 0x7f suffix}: the text {@code
     * prefix + unit * k + suffix} with {@code k = 2^(n mod 17)}, cut at {@code maxLength} bytes. A
     * seed such as {@code "\x7f\x0e/\x7fa/\x7f"} stands for a path of 16384 segments.
     */
    public static byte[] expand(byte[] data, int maxLength) {
        if (data.length < 2 || data[0] != EXPAND) {
            return data.length > maxLength ? Arrays.copyOf(data, maxLength) : data;
        }
        int k = 1 << ((data[1] & 0xff) % 17);
        int first = indexOf(data, 2);
        int second = first < 0 ? -1 : indexOf(data, first + 1);
        byte[] prefix = Arrays.copyOfRange(data, 2, first < 0 ? data.length : first);
        byte[] unit =
                first < 0
                        ? new byte[0]
                        : Arrays.copyOfRange(data, first + 1, second < 0 ? data.length : second);
        byte[] suffix =
                second < 0 ? new byte[0] : Arrays.copyOfRange(data, second + 1, data.length);
        long total = prefix.length + (long) unit.length * k + suffix.length;
        byte[] out = new byte[(int) Math.min(total, maxLength)];
        int o = copy(prefix, out, 0);
        for (int i = 0; i < k && o < out.length && unit.length > 0; i++) {
            o = copy(unit, out, o);
        }
        copy(suffix, out, o);
        return out;
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == EXPAND) {
                return i;
            }
        }
        return -1;
    }

    private static int copy(byte[] from, byte[] to, int at) {
        int n = Math.min(from.length, to.length - at);
        System.arraycopy(from, 0, to, at, n);
        return at + n;
    }

    /** An amplified seed: {@code prefix + unit * 2^exponent + suffix} (see {@link #expand}). */
    public static byte[] amplified(String prefix, String unit, int exponent, String suffix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] u = unit.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = suffix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[4 + p.length + u.length + s.length];
        out[0] = EXPAND;
        out[1] = (byte) exponent;
        int o = copy(p, out, 2);
        out[o++] = EXPAND;
        o = copy(u, out, o);
        out[o++] = EXPAND;
        copy(s, out, o);
        return out;
    }

    /** Header field text: one byte per character, as containers decode field lines. */
    public static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** Body text: UTF-8, malformed sequences replaced, as the servers decode JSON bodies. */
    public static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The bytes of a seed written as text. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * RFC 9110 token (a method or field name): what a container passes on; a harness drops the
     * rest.
     */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The lines of {@code text} split at LF, empty ones kept. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String preview(byte[] input) {
        String s = latin1(input.length > 200 ? Arrays.copyOf(input, 200) : input);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb + (input.length > 200 ? "..." : "");
    }
}
