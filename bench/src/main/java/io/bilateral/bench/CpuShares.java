package io.bilateral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who used the machine's CPU over a window, from /proc: each service, PostgreSQL (all its
 * processes), the local broker, and the machine as a whole, as shares of all cores. The
 * profile that says whether a figure is limited by the machine (every core busy) or by the
 * design (cores idle while a queue waits), and by whom.
 */
final class CpuShares {

    /** The jiffies counted so far: the machine's (busy and total), and per part. */
    private record Snapshot(long busy, long total, Map<String, Long> parts) {
    }

    private final Target target;
    private Snapshot start;

    private CpuShares(Target target) {
        this.target = target;
    }

    /** Starts a window now. */
    static CpuShares start(Target target) {
        CpuShares c = new CpuShares(target);
        c.start = c.snapshot();
        return c;
    }

    /** The window so far, e.g. "machine 97% of 2 cores: PostgreSQL 48%, query-service 41%, ...". */
    String shares() {
        Snapshot end = snapshot();
        double total = Math.max(1, end.total() - start.total());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "CPU in the window: machine %.0f%% of %d cores busy",
                100 * (end.busy() - start.busy()) / total, Runtime.getRuntime().availableProcessors()));
        String sep = ": ";
        for (Map.Entry<String, Long> part : end.parts().entrySet()) {
            long used = part.getValue() - start.parts().getOrDefault(part.getKey(), 0L);
            s.append(sep).append(String.format(Locale.ROOT, "%s %.0f%%", part.getKey(), 100 * used / total));
            sep = ", ";
        }
        return s.toString();
    }

    private Snapshot snapshot() {
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) {  // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(0, 0, Map.of());
        }
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("query-service", jiffies(target.queryPid()));
        parts.put("event-service", jiffies(target.eventPid()));
        long postgres = 0;
        long broker = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                String comm = read(p.resolve("comm")).trim();
                if (comm.equals("postgres")) {
                    // With the children it reaped: a backend that ends within the window moves its
                    // time into the postmaster's count instead of taking it out of the sum.
                    postgres += jiffies(pid) + reapedChildren(pid);
                } else if (comm.equals("java") && read(p.resolve("cmdline")).contains("local-stack")) {
                    broker += jiffies(pid);
                }
            }
        } catch (IOException e) {
            // parts unknown: only the machine's share is reported
        }
        parts.put("PostgreSQL", postgres);
        parts.put("broker (local stack)", broker);
        return new Snapshot(busy, total, parts);
    }

    /** utime + stime of a process (its threads included), 0 when it is gone. */
    private static long jiffies(long pid) {
        return pid <= 0 ? 0 : statFields(pid, 11, 12);
    }

    /** cutime + cstime: what the process's ended and reaped children used. */
    private static long reapedChildren(long pid) {
        return statFields(pid, 13, 14);
    }

    /** The sum of two fields of /proc/PID/stat, counted after "pid (comm) " (state is 0); 0 when it is gone. */
    private static long statFields(long pid, int a, int b) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        return Long.parseLong(f[a]) + Long.parseLong(f[b]);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
