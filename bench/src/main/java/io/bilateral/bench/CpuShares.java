package io.bilateral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Who used the machine's CPU over a window, from /proc: each service, PostgreSQL (all its
 * processes), the local broker, and the machine as a whole, as shares of all cores. The
 * profile that says whether a figure is limited by the machine (every core busy) or by the
 * design (cores idle while a queue waits), and by whom. For each JVM it also gives its JIT
 * compilers' part: in a phase of a few seconds they can take half of a service's CPU
 * (BENCHMARKS.md, "Levers tried: 2026-12-04, 19:51–20:36"), which is warming up, not the
 * cost of the work itself; and its collector's part, which a heap too small for the work
 * shows first (the serial collector, the services' default, runs in the VM thread). Where the
 * kernel reports CPU pressure, it also gives how much of the window some task was runnable
 * and waiting for a CPU: at half a peak the cores are not all busy, yet a request's thread can
 * wait its turn behind the load generator's, which is what a p99 there shows (BENCHMARKS.md,
 * "Levers tried: 2026-12-07, 15:39–17:17").
 */
final class CpuShares {

    /**
     * The jiffies counted so far: the machine's (busy and total), per part, and per JVM part its
     * JIT compilers' and its collector's; when it was taken, and the kernel's count of the time
     * some task waited for a CPU (µs; -1 where the kernel does not report it).
     */
    private record Snapshot(long busy, long total, Map<String, Long> parts, Map<String, Long> jit, Map<String, Long> gc,
                            long nanos, long cpuWaitMicros) {
    }

    /** Linux's pressure stall information for the CPU (4.20 and later, when enabled). */
    private static final Path CPU_PRESSURE = Path.of("/proc/pressure/cpu");

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
        if (start.cpuWaitMicros() >= 0 && end.cpuWaitMicros() >= 0 && end.nanos() > start.nanos()) {
            s.append(String.format(Locale.ROOT, ", a task waiting for a CPU %.0f%% of the time",
                    100.0 * (end.cpuWaitMicros() - start.cpuWaitMicros()) * 1000 / (end.nanos() - start.nanos())));
        }
        String sep = ": ";
        for (Map.Entry<String, Long> part : end.parts().entrySet()) {
            long used = part.getValue() - start.parts().getOrDefault(part.getKey(), 0L);
            s.append(sep).append(String.format(Locale.ROOT, "%s %.0f%%", part.getKey(), 100 * used / total));
            Long jit = end.jit().get(part.getKey());
            if (jit != null) {
                long compiling = Math.max(0, jit - start.jit().getOrDefault(part.getKey(), 0L));
                long collecting = Math.max(0, end.gc().getOrDefault(part.getKey(), 0L) - start.gc().getOrDefault(part.getKey(), 0L));
                s.append(String.format(Locale.ROOT, " (JIT %.0f%%, GC %.0f%%)", 100 * compiling / total, 100 * collecting / total));
            }
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
            return new Snapshot(0, 0, Map.of(), Map.of(), Map.of(), System.nanoTime(), -1);
        }
        Map<String, Long> parts = new LinkedHashMap<>();
        Map<String, Long> jit = new LinkedHashMap<>();
        Map<String, Long> gc = new LinkedHashMap<>();
        parts.put("query-service", jiffies(target.queryPid()));
        jit.put("query-service", threadJiffies(target.queryPid(), CpuShares::isCompiler));
        gc.put("query-service", threadJiffies(target.queryPid(), CpuShares::isCollector));
        parts.put("event-service", jiffies(target.eventPid()));
        jit.put("event-service", threadJiffies(target.eventPid(), CpuShares::isCompiler));
        gc.put("event-service", threadJiffies(target.eventPid(), CpuShares::isCollector));
        long postgres = 0;
        long broker = 0;
        long brokerJit = 0;
        long brokerGc = 0;
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
                    brokerJit += threadJiffies(pid, CpuShares::isCompiler);
                    brokerGc += threadJiffies(pid, CpuShares::isCollector);
                }
            }
        } catch (IOException e) {
            // parts unknown: only the machine's share is reported
        }
        parts.put("PostgreSQL", postgres);
        parts.put("broker (local stack)", broker);
        jit.put("broker (local stack)", brokerJit);
        gc.put("broker (local stack)", brokerGc);
        return new Snapshot(busy, total, parts, jit, gc, System.nanoTime(), cpuWaitMicros(read(CPU_PRESSURE)));
    }

    /**
     * The "total" of the "some" line of /proc/pressure/cpu: the µs in which at least one task
     * was runnable and waiting for a CPU; -1 when the text has none (no such file, an old kernel).
     */
    private static long cpuWaitMicros(String pressure) {
        for (String line : pressure.split("\n")) {
            if (line.startsWith("some ")) {
                for (String field : line.trim().split("\\s+")) {
                    if (field.startsWith("total=")) {
                        try {
                            return Long.parseLong(field.substring("total=".length()));
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
            }
        }
        return -1;
    }

    /** HotSpot's JIT compiler threads: "C1 CompilerThread0", "C2 CompilerThread0" (Linux keeps 15 characters). */
    private static boolean isCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /**
     * The threads that collect: the VM thread, where the serial collector works (with the other
     * safepoint operations, which are small beside it), and the workers of the parallel and
     * concurrent collectors ("GC Thread#0", "G1 Conc#0", "G1 Refine#0").
     */
    private static boolean isCollector(String thread) {
        return thread.startsWith("VM Thread") || thread.startsWith("GC Thread") || thread.startsWith("G1 ");
    }

    /**
     * utime + stime of a JVM's threads whose name {@code which} accepts, 0 when it is gone. A
     * thread that ends within a window takes its time out of the sum: the share is then at least that.
     */
    private static long threadJiffies(long pid, Predicate<String> which) {
        if (pid <= 0) {
            return 0;
        }
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                if (which.test(read(t.resolve("comm")))) {
                    sum += fields(read(t.resolve("stat")), 11, 12);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sum;
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
        return fields(read(Path.of("/proc", Long.toString(pid), "stat")), a, b);
    }

    /** The sum of two fields of a stat line (a process's or a thread's), as above; 0 when it is empty. */
    private static long fields(String stat, int a, int b) {
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
