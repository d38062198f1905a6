package dev.aauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux {@code /proc}, in clock ticks (USER_HZ, 100 per second on Linux): of one
 * process ({@code /proc/<pid>/stat} utime + stime) and of the whole machine ({@code /proc/stat},
 * every state but idle and iowait). -1 where it cannot be read.
 */
final class CpuTicks {

    /** Linux's USER_HZ, the unit of both files on every mainstream architecture. */
    static final int TICKS_PER_SECOND = 100;

    private CpuTicks() {}

    static long process(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the parenthesised command name: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time of this process's children that were waited for ({@code cutime} + {@code cstime} of
     * {@code /proc/self/stat}): wrk's, once its run is over.
     */
    static long waitedChildren() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long machineBusy() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU ticks of every process whose command name is {@code comm} (e.g. {@code postgres}),
     * summed.
     */
    static long processesNamed(String comm) {
        long sum = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(d.resolve("comm")).strip().equals(comm)) {
                        long t = process(Long.parseLong(name));
                        sum += Math.max(0, t);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code after - before}, or -1 when either reading failed. */
    static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** Ticks to microseconds; NaN when a reading failed. */
    static double micros(long ticks) {
        return ticks < 0 ? Double.NaN : ticks * (1_000_000.0 / TICKS_PER_SECOND);
    }
}
