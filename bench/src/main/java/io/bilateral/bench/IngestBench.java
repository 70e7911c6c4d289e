package io.bilateral.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 1: bulk ingestion through {@code POST /events/batch} (validated, published in
 * Kafka transactions) against Kafka's own {@code ProducerPerformance} on the same broker,
 * with records of the same size and {@code acks=all}.
 */
final class IngestBench {

    private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec");

    private final Vertx vertx;
    private final Target target;

    IngestBench(Vertx vertx, Target target) {
        this.vertx = vertx;
        this.target = target;
    }

    /**
     * Events per second through the batch API, {@code batches} batches of {@code size} JSON lines
     * one after another: over all of them from the service's first batch (its JIT cold), and over
     * those after the first {@code warmup} (warm, as every peak here is taken after a warm-up);
     * {@code cpu} is who used the CPU while the warm batches ran, the JIT compilers' part included.
     */
    record Rates(double fromCold, double warm, String cpu) {
    }

    Rates batches(int batches, int warmup, int size) throws Exception {
        return batches(batches, warmup, size, new Facts(200, "i" + System.currentTimeMillis()));
    }

    Rates batches(int batches, int warmup, int size, Facts facts) throws Exception {
        HttpLoad load = new HttpLoad(vertx, target.events());
        long all = 0;
        long warm = 0;
        CpuShares cpu = null;
        for (int i = 0; i < batches; i++) {
            if (i == warmup) {
                cpu = CpuShares.start(target);
            }
            String body = facts.lines(size);
            long start = System.nanoTime();
            int status = load.call(new HttpLoad.Request(HttpMethod.POST, "/events/batch",
                    Map.of("Authorization", "Bearer " + target.token(), "Content-Type", "application/x-ndjson"), () -> body));
            long took = System.nanoTime() - start;
            all += took;
            if (i >= warmup) {
                warm += took;
            }
            if (status != 202) {
                throw new IllegalStateException("a batch was answered " + status);
            }
        }
        // Only the requests are timed, not making their bodies.
        return new Rates((long) batches * size / (all / 1e9), (long) (batches - warmup) * size / (warm / 1e9),
                cpu == null ? "" : cpu.shares());
    }

    /** {@code batches} sent at once: the events of those answered 202 per second of the whole, and the answers ("4 × 202, 4 × 503"). */
    record AtOnce(double accepted, String answers) {
    }

    /**
     * {@code n} batches of {@code size} JSON lines sent at the same moment, as several importers
     * would: each must be answered 202, or 503 when the service is writing as many batches or
     * holding as much as it lets writes hold (anything else fails the benchmark).
     */
    AtOnce atOnce(int n, int size, Facts facts) throws Exception {
        HttpLoad load = new HttpLoad(vertx, target.events());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(facts.lines(size));
        }
        ExecutorService senders = Executors.newFixedThreadPool(n);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(senders.submit(() -> load.call(new HttpLoad.Request(HttpMethod.POST, "/events/batch",
                        Map.of("Authorization", "Bearer " + target.token(), "Content-Type", "application/x-ndjson"), () -> body))));
            }
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<Integer> a : answers) {
                byStatus.merge(a.get(10, TimeUnit.MINUTES), 1, Integer::sum);
            }
            long took = System.nanoTime() - start;
            if (!java.util.Set.of(202, 503).containsAll(byStatus.keySet())) {
                throw new IllegalStateException("batches sent at once were answered " + byStatus);
            }
            String said = byStatus.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey())
                    .collect(java.util.stream.Collectors.joining(", "));
            return new AtOnce(byStatus.getOrDefault(202, 0) * (double) size / (took / 1e9), said);
        } finally {
            senders.shutdownNow();
        }
    }

    /** Kafka's ProducerPerformance, in a JVM of its own, on a topic shaped like ours (6 partitions). */
    double producerPerformance(long records, int recordSize) throws Exception {
        String topic = "bench.producer-performance";
        target.peerTopic(topic);
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + target.kafka(), "acks=all", "enable.idempotence=true")
                .redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("records sent")) {
                    last = line;
                }
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IllegalStateException("ProducerPerformance failed: " + last);
        }
        Matcher m = RATE.matcher(last);
        if (!m.find()) {
            throw new IllegalStateException("no rate in: " + last);
        }
        return Double.parseDouble(m.group(1));
    }
}
