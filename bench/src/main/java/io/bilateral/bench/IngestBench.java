package io.bilateral.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
