package io.bilateral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every benchmark against a running system and writes {@code results.md} and
 * {@code results.json}. {@code ./bilateral bench} starts the system and the peers and calls
 * this; {@code --smoke} runs each benchmark at a token size (CI runs it so the harness cannot
 * rot; its figures mean nothing).
 *
 * <pre>
 * --events URL --queries URL --token JWT --admin-token JWT --kafka HOST:PORT
 * --event-pid PID --query-pid PID --event-ready-ms MS --query-ready-ms MS [--event-ready-archive yes|no] [--query-ready-archive yes|no]
 * --peers FILE (JSON lines of the bench/peers scripts) --out DIR [--smoke] [--only PART,...] [--growth [--steps N,N,...]]
 * </pre>
 * {@code --only queries,stream} runs only those parts of the regular run (ingestion, posts,
 * projection, queries, freshness, stream, growth, import): a quick look at one lever.
 * {@code --growth} runs only the long growth benchmark ({@link GrowthBench}); {@code --steps 30000,60000}
 * sets its steps (events added in all), a quick way to time one lever on the projection.
 */
public final class Bench {

    /** How big each benchmark is. */
    record Size(long producerRecords, int batches, int batchSize, Duration warmup, Duration window,
                Duration postWarmup, Duration postWindow, int subscribers, int streamDyads, int streamRate,
                int sustainedStreamRate, Duration streamWarmup, Duration sustainedStreamWarmup, Duration streamWindow, Duration slowFresh,
                Duration slowFreshWarmup, Duration fastFreshWarmup, Duration fastFresh, long growth,
                int importRows) {

        /** Sized so that the whole run (without the peers) takes about ten minutes on 2 cores. */
        static final Size FULL = new Size(300_000, 2, 10_000, Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 1000, 100, 1000, 200, Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5), 20_000,
                50_000);
        /**
         * The POSTs warm up for a second and are counted over two: a request counts only if it
         * is sent and answered inside the window, and on a slow machine the first cold POSTs took
         * longer than the one-second window of before (CI saw a peak of 0).
         */
        static final Size SMOKE = new Size(2_000, 2, 200, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 10, 5, 50, 20, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 300, 1_000);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        execute(args);
        // Kafka's admin client and Vert.x leave non-daemon threads behind.
        System.exit(0);
    }

    /** Runs the benchmarks the options ask for and writes the results; returns the directory written. */
    public static Path execute(String... args) throws Exception {
        Map<String, String> a = options(args);
        Target target = new Target(URI.create(a.get("events")), URI.create(a.get("queries")), a.get("token"),
                Long.parseLong(a.getOrDefault("event-pid", "0")), Long.parseLong(a.getOrDefault("query-pid", "0")), a.get("kafka"));
        Size size = a.containsKey("smoke") ? Size.SMOKE : Size.FULL;
        Results results = a.containsKey("growth") ? growthOnly(target, a.get("admin-token"), size, a)
                : run(target, a.get("admin-token"), size, a);
        Path out = Path.of(a.getOrDefault("out", "bench/results"));
        results.write(out);
        return out;
    }

    static Results run(Target target, String admin, Size size, Map<String, String> a) throws Exception {
        Results r = new Results();
        r.context("date", Instant.now().toString());
        r.context("cores", Runtime.getRuntime().availableProcessors());
        r.context("memory_gib", String.format(Locale.ROOT, "%.1f",
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() / 1073741824.0));
        r.context("java", System.getProperty("java.version"));
        r.context("size", size == Size.SMOKE ? "smoke" : "full");
        Peers peers = Peers.read(a.get("peers"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Footprint footprint = Footprint.start(target);
        ProjectionBench projection = new ProjectionBench(vertx, target, admin);
        java.util.function.Predicate<String> on = part -> !a.containsKey("only") || List.of(a.get("only").split(",")).contains(part);
        try {
            readiness(r, a);
            // Writes first, with the projection paused: on 2 cores it would otherwise compete
            // with event-service for the CPU; what piles up is then the projection's benchmark.
            projection.pause();
            if (on.test("ingestion")) {
                ingestion(r, vertx, target, size, peers);
            }
            if (on.test("posts")) {
                singlePosts(r, vertx, target, size);
            }
            ProjectionBench.CatchUp backlog = projection.resumeAndTime();
            if (on.test("projection")) {
                projectionRate(r, backlog, peers);
            }
            HttpLoad.Outcome timelineAtStart = projection.timeline();
            if (on.test("queries")) {
                queries(r, vertx, target, size);
            }
            if (on.test("freshness")) {
                freshness(r, vertx, target, size, peers);
            }
            projection.awaitCaughtUp();
            if (on.test("stream")) {
                stream(r, vertx, target, size, projection);
            }
            if (on.test("growth")) {
                growth(r, projection, size, backlog, timelineAtStart);
            }
            // Last: an operator imports into a running system, the projection working alongside.
            if (on.test("import")) {
                importRate(r, target, size, projection);
            }
            if (on.test("explorer")) {
                explorer(r, target, size);
            }
        } finally {
            footprint.stop();
            vertx.close();
        }
        r.bound("6 footprint", "event-service RSS, most under load", footprint.maxEventMb(), "MB", 300, "≤ 300 MB", null);
        r.bound("6 footprint", "query-service RSS, most under load", footprint.maxQueryMb(), "MB", 300, "≤ 300 MB", null);
        return r;
    }

    /** The long growth run alone: the log grown to a million events (to 600 in a smoke run). */
    static Results growthOnly(Target target, String admin, Size size, Map<String, String> a) throws Exception {
        Results r = new Results();
        r.context("date", Instant.now().toString());
        r.context("cores", Runtime.getRuntime().availableProcessors());
        r.context("java", System.getProperty("java.version"));
        r.context("size", size == Size.SMOKE ? "smoke, growth" : "growth");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            ProjectionBench projection = new ProjectionBench(vertx, target, admin);
            long[] steps = a.containsKey("steps")
                    ? java.util.Arrays.stream(a.get("steps").split(",")).mapToLong(Long::parseLong).toArray()
                    : size == Size.SMOKE ? new long[] {200, 600} : new long[] {10_000, 100_000, 1_000_000};
            new GrowthBench(vertx, target, projection).run(r, steps, size == Size.SMOKE ? 200 : 10_000);
        } finally {
            vertx.close();
        }
        return r;
    }

    private static void readiness(Results r, Map<String, String> a) {
        for (String service : new String[] {"event", "query"}) {
            String ms = a.get(service + "-ready-ms");
            if (ms != null) {
                // Whether the JVM mapped the class-data archive the run command recorded from an earlier start.
                String archive = "yes".equals(a.get(service + "-ready-archive"))
                        ? "; with the class-data archive of an earlier start"
                        : "; no class-data archive mapped (the build's first start under this JDK, or sharing set in JAVA_OPTS)";
                r.bound("6 footprint", service + "-service start to ready", Double.parseDouble(ms) / 1000, "s", 3,
                        "≤ 3 s", "java -jar to /q/health/ready UP" + (a.containsKey(service + "-ready-archive") ? archive : ""));
            }
        }
    }

    private static void ingestion(Results r, Vertx vertx, Target t, Size s, Peers peers) throws Exception {
        IngestBench ingest = new IngestBench(vertx, t);
        // The peer runs twice and is timed the second time. Its first run is also the broker's first
        // heavy load since its start (the broker's JIT, its log's first segments), and our batches
        // run after it, on a broker it warmed: timing the peer's first run flattered the ratios
        // below. On the bare local stack a first run of 300,000 records gave 63,438 records/s and
        // the same run after it 103,806; here, with the services up, 64,021 then 66,079 and 60,229
        // then 65,775 (2026-12-06, 22:55–23:09). Its first run stays a row of its own.
        double coldBroker = ingest.producerPerformance(s.producerRecords(), 500);
        double producer = ingest.producerPerformance(s.producerRecords(), 500);
        // As many events as ProducerPerformance sends. The first third warm event-service's JIT:
        // from a cold start its first batches take several times as long as the last ones
        // (2026-12-03: 5.3 s, then 2.4, 1.8, … down to about 0.55 s a batch after the tenth),
        // and every other peak here is taken once warm. The rate from the first batch is kept beside it.
        int batches = (int) Math.max(s.batches(), s.producerRecords() / s.batchSize());
        int warmup = batches / 3;
        IngestBench.Rates rates = ingest.batches(batches, warmup, s.batchSize());
        r.compare("1 bulk ingestion", "POST /events/batch, the last " + (batches - warmup) + " of " + batches + " batches of "
                        + s.batchSize() + " events (once warm)", rates.warm(), "events/s",
                "ProducerPerformance, same broker (its second run), 500 B, acks=all", producer, true, "≥ 0.5×", 0.5,
                "~505 B submitted, ~700 B published; the first " + warmup + " batches after the service's start warmed it; "
                        + rates.cpu());
        r.compare("1 bulk ingestion", "POST /events/batch, all " + batches + " batches from the service's first", rates.fromCold(), "events/s",
                "ProducerPerformance, as above", producer, true, null, null, "JIT cold: the figure the runs before 2026-12-03 15:00 gave");
        r.add("1 bulk ingestion", "peer: ProducerPerformance's first run on this broker (the broker cold; what the runs before "
                + "2026-12-06 23:22 compared with, when the peer ran once)", coldBroker, "records/s", null);
        if (peers.kafkaLimit() != null) {
            r.add("1 bulk ingestion", "peer script kafka-limit.sh (own broker, same session)", peers.kafkaLimit(), "records/s", null);
        }
        // Several importers at once: as many batches as event-service writes at once (its
        // bilateral.limits.batches-at-once, 4), then twice that. Each must be 202 or a 503 with
        // Retry-After; the footprint rows count the memory this takes.
        Facts together = new Facts(200, "c" + System.currentTimeMillis());
        for (int n : new int[] {4, 8}) {
            IngestBench.AtOnce at = ingest.atOnce(n, s.batchSize(), together);
            r.compare("1 bulk ingestion", "POST /events/batch, " + n + " batches of " + s.batchSize() + " events sent at once (once warm)",
                    at.accepted(), "events/s", "ProducerPerformance, as above", producer, true, null, null,
                    "answered " + at.answers() + "; the events of the batches answered 202, over the time to the last answer");
        }
    }

    private static void singlePosts(Results r, Vertx vertx, Target t, Size s) throws Exception {
        HttpLoad load = new HttpLoad(vertx, t.events());
        Facts facts = new Facts(200, "p" + System.currentTimeMillis());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.token(), "Content-Type", "application/json");
        HttpLoad.Request post = new HttpLoad.Request(HttpMethod.POST, "/events", headers, facts::next);
        HttpLoad.Request noop = new HttpLoad.Request(HttpMethod.POST, "/bench/noop", headers, facts::next);
        HttpLoad.Outcome noopPeak = load.peak(noop, 32, s.postWarmup(), s.postWindow());
        HttpLoad.Outcome postPeak = load.peak(post, 32, s.postWarmup(), s.postWindow());
        r.compare("2 single POST", "POST /events peak (32 connections)", postPeak.perSecond(), "events/s",
                "no-op POST, same service", noopPeak.perSecond(), true, "≥ 0.5×", 0.5, failures(postPeak));
        CpuShares halfCpu = CpuShares.start(t);
        HttpLoad.Outcome half = load.atRate(post, postPeak.perSecond() / 2, s.postWindow(), 64);
        r.bound("2 single POST", String.format(Locale.ROOT, "POST /events p99 at half the peak (%.0f/s)", postPeak.perSecond() / 2),
                half.p99Ms(), "ms", 20, "≤ 20 ms", "p50 " + Results.number(half.p50Ms()) + " ms; sent late by the generator, p99 "
                        + Results.number(half.lateP99Ms()) + " ms" + failures(half, ", ") + "; " + halfCpu.shares());
        // The floor under that p99 on this machine: the same service answering the same requests
        // at the same rate without validating or publishing them (its no-op), right after.
        CpuShares noopHalfCpu = CpuShares.start(t);
        HttpLoad.Outcome noopHalf = load.atRate(noop, postPeak.perSecond() / 2, s.postWindow(), 64);
        r.add("2 single POST", String.format(Locale.ROOT, "peer: no-op POST at the same rate (%.0f/s), p99 (same body, token and "
                        + "connections; event-service answers it without validating or publishing)", postPeak.perSecond() / 2),
                noopHalf.p99Ms(), "ms", "p50 " + Results.number(noopHalf.p50Ms()) + " ms; sent late by the generator, p99 "
                        + Results.number(noopHalf.lateP99Ms()) + " ms" + failures(noopHalf, ", ") + "; " + noopHalfCpu.shares());
        // The floor under that p99: the broker's own acknowledgement at the same rate, right after.
        KafkaLatency.Outcome kafka = new KafkaLatency(t).atRate(postPeak.perSecond() / 2, s.postWarmup(), s.postWindow());
        r.add("2 single POST", String.format(Locale.ROOT, "peer: Kafka's own producer at the same rate (%.0f/s), send → acknowledged, p99 "
                        + "(event-service's single-event settings: acks=all, idempotent, linger 1 ms, lz4; same broker)", postPeak.perSecond() / 2),
                kafka.p99Ms(), "ms", "p50 " + Results.number(kafka.p50Ms()) + " ms; " + kafka.acknowledged() + " acknowledged"
                        + (kafka.failed() > 0 ? ", " + kafka.failed() + " failed" : ""));
    }

    private static void queries(Results r, Vertx vertx, Target t, Size s) throws Exception {
        HttpLoad load = new HttpLoad(vertx, t.queries());
        HttpLoad.Request noop = new HttpLoad.Request(HttpMethod.GET, "/bench/noop", Map.of(), null);
        HttpLoad.Outcome noopPeak = load.peak(noop, 32, s.warmup(), s.window());
        for (String path : List.of("/dyads/BEL-CHN", "/dyads/BEL-CHN/timeline?limit=50")) {
            HttpLoad.Request get = new HttpLoad.Request(HttpMethod.GET, path, Map.of(), null);
            CpuShares cpu = CpuShares.start(t);
            HttpLoad.Outcome peak = load.peak(get, 32, s.warmup(), s.window());
            String shares = cpu.shares() + " (the load generator is the rest)";
            r.compare("5 query", "GET " + path + " peak (32 connections)", peak.perSecond(), "req/s", "no-op GET, same service",
                    noopPeak.perSecond(), true, "≥ 0.5×", 0.5, failures(peak) == null ? shares : failures(peak) + "; " + shares);
            CpuShares halfCpu = CpuShares.start(t);
            HttpLoad.Outcome half = load.atRate(get, peak.perSecond() / 2, s.window(), 64);
            r.bound("5 query", String.format(Locale.ROOT, "GET %s p99 at half the peak (%.0f/s)", path, peak.perSecond() / 2),
                    half.p99Ms(), "ms", 10, "≤ 10 ms", "p50 " + Results.number(half.p50Ms()) + " ms; sent late by the generator, p99 "
                            + Results.number(half.lateP99Ms()) + " ms" + failures(half, ", ") + "; " + halfCpu.shares());
        }
    }

    private static void freshness(Results r, Vertx vertx, Target t, Size s, Peers peers) throws Exception {
        FreshnessBench fresh = new FreshnessBench(vertx, t);
        // In a full run the live path (the projection's small transactions, the stream, a fact's
        // GET) first carries facts here: the projection was paused through the POSTs before, and
        // the catch-up takes other paths. Its first facts measure its compilers (POST → stream p50
        // 34 ms over a new system's first 100, 9-14 ms after 3,000: BENCHMARKS.md, 2026-12-07,
        // 08:05-08:30), while the sink's probe runs on a worker warmed by its throughput passes.
        // So the first seconds at 5/s are a row of their own, then single POSTs at 100/s warm the
        // path, then the window the target is for.
        FreshnessBench.Outcome cold = fresh.run(5, s.slowFresh(), 1, Duration.ofMillis(1));
        fresh.run(100, s.slowFreshWarmup(), 10, Duration.ofMillis(1));
        FreshnessBench.Outcome slow = fresh.run(5, s.slowFresh(), 1, Duration.ofMillis(1));
        double getP99 = slow.getMicros().getValueAtPercentile(99) / 1000.0;
        double streamP99 = slow.streamMicros().getValueAtPercentile(99) / 1000.0;
        String slowNote = slowNote(slow) + String.format(Locale.ROOT, "; after the first %d s at 5/s (below) and %d s at 100/s",
                s.slowFresh().toSeconds(), s.slowFreshWarmup().toSeconds());
        if (peers.sinkFreshP99() != null) {
            r.compare("4 freshness", "at 5/s once warm: POST → visible in GET, p99", getP99, "ms", "JDBC sink produce → visible, p99",
                    peers.sinkFreshP99(), false, "p99 ≤ the sink's", 1.0, slowNote);
            r.compare("4 freshness", "at 5/s once warm: POST → on the stream, p99", streamP99, "ms", "JDBC sink produce → visible, p99",
                    peers.sinkFreshP99(), false, "p99 ≤ the sink's", 1.0, null);
            r.add("4 freshness", "peer: JDBC sink produce → visible, p50", peers.sinkFreshP50(), "ms", null);
        } else {
            r.add("4 freshness", "at 5/s once warm: POST → visible in GET, p99", getP99, "ms", slowNote);
            r.add("4 freshness", "at 5/s once warm: POST → on the stream, p99", streamP99, "ms", null);
        }
        String firstSlow = String.format(Locale.ROOT, "at 5/s, its first %d s (the live path cold): ", s.slowFresh().toSeconds());
        r.add("4 freshness", firstSlow + "POST → visible in GET, p99", cold.getMicros().getValueAtPercentile(99) / 1000.0, "ms", slowNote(cold));
        r.add("4 freshness", firstSlow + "POST → on the stream, p99", cold.streamMicros().getValueAtPercentile(99) / 1000.0, "ms", null);
        // At 1,000/s first a warm-up, measured apart (the load's first seconds), then the window the target is for.
        FreshnessBench.Outcome warming = fresh.run(1000, s.fastFreshWarmup(), 100, Duration.ofMillis(5));
        FreshnessBench.Outcome fast = fresh.run(1000, s.fastFresh(), 100, Duration.ofMillis(5));
        String warm = String.format(Locale.ROOT, "once warm (the %d s after the first %d at that rate)", s.fastFresh().toSeconds(),
                s.fastFreshWarmup().toSeconds());
        r.bound("4 freshness", "at 1,000/s: POST → visible in GET, p99 " + warm, fast.getMicros().getValueAtPercentile(99) / 1000.0, "ms", 50,
                "≤ 50 ms", fastGetNote(fast));
        r.bound("4 freshness", "at 1,000/s: POST → on the stream, p99 " + warm, fast.streamMicros().getValueAtPercentile(99) / 1000.0, "ms", 50,
                "≤ 50 ms", fastStreamNote(fast));
        String first = String.format(Locale.ROOT, ", its first %d s at that rate (the warm-up above)", s.fastFreshWarmup().toSeconds());
        r.add("4 freshness", "at 1,000/s: POST → visible in GET, p99" + first, warming.getMicros().getValueAtPercentile(99) / 1000.0, "ms",
                fastGetNote(warming));
        r.add("4 freshness", "at 1,000/s: POST → on the stream, p99" + first, warming.streamMicros().getValueAtPercentile(99) / 1000.0, "ms",
                fastStreamNote(warming));
    }

    private static String slowNote(FreshnessBench.Outcome o) {
        return "p50 GET " + Results.number(o.getMicros().getValueAtPercentile(50) / 1000.0) + " ms, stream "
                + Results.number(o.streamMicros().getValueAtPercentile(50) / 1000.0) + " ms; " + o.posted() + " posts";
    }

    private static String fastGetNote(FreshnessBench.Outcome o) {
        return String.format(Locale.ROOT, "posted at %,.0f/s; every 100th fact polled every 5 ms; p50 %s ms", o.postedPerSecond(),
                Results.number(o.getMicros().getValueAtPercentile(50) / 1000.0));
    }

    private static String fastStreamNote(FreshnessBench.Outcome o) {
        return "p50 " + Results.number(o.streamMicros().getValueAtPercentile(50) / 1000.0) + " ms; "
                + o.posted() + " posted, " + o.streamMissing() + " not seen on the stream";
    }

    private static void stream(Results r, Vertx vertx, Target t, Size s, ProjectionBench projection) throws Exception {
        // At the rate, and at a rate the projection keeps up with (so that what is
        // measured is the stream's own fan-out, not a backlog waiting to be projected).
        for (int rate : new int[] {s.streamRate(), s.sustainedStreamRate()}) {
            // The sustained rate follows the on a system warm for this load: a shorter warm-up.
            Duration warmup = rate == s.streamRate() ? s.streamWarmup() : s.sustainedStreamWarmup();
            StreamBench.Outcome o = new StreamBench(vertx, t).run(s.subscribers(), s.streamDyads(), true, rate, warmup,
                    s.streamWindow(), () -> CpuShares.start(t));
            // The target's row is the load once warm; its first seconds (a cold system) are a row of their own.
            r.bound("8 stream", String.format(Locale.ROOT, "%,d subscribers (one dyad each of %d) at %,d events/s: delivery p99 once warm "
                            + "(the %d s after the first %d at that rate)", o.subscribers(), s.streamDyads(), rate,
                            s.streamWindow().toSeconds(), warmup.toSeconds()),
                    o.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms", 100, "≤ 100 ms", streamNote(o));
            r.bound("8 stream", String.format(Locale.ROOT, "deliveries missing at %,d events/s once warm (expected minus received)", rate),
                    o.expected() - o.delivered(), "events", 0, "0", null);
            StreamBench.Outcome cold = o.warmup();
            if (cold != null) {
                r.add("8 stream", String.format(Locale.ROOT, "the same, its first %d s at that rate (the warm-up above; the load's first "
                                + "seconds on this run's system)", warmup.toSeconds()),
                        cold.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms", streamNote(cold)
                                + "; deliveries missing " + (cold.expected() - cold.delivered()));
            }
            projection.awaitCaughtUp();
        }
    }

    private static String streamNote(StreamBench.Outcome o) {
        return String.format(Locale.ROOT, "accepted → received; posted at %,.0f events/s; p50 %s ms, max %s ms; %,d of %,d deliveries; "
                        + "query-service RSS at most %s MB; %s",
                o.postedPerSecond(), Results.number(o.latencyMicros().getValueAtPercentile(50) / 1000.0),
                Results.number(o.latencyMicros().getMaxValue() / 1000.0), o.delivered(), o.expected(),
                Results.number(o.maxRssMb()), o.cpu());
    }

    private static void projectionRate(Results r, ProjectionBench.CatchUp c, Peers peers) {
        String what = String.format(Locale.ROOT, "replay of a backlog of %,d events into all read models", c.events());
        String note = "the paused projection resumed and timed until caught up; " + c.cpu();
        if (peers.sinkRate() != null) {
            r.compare("3 projection", what, c.perSecond(), "events/s", "Debezium JDBC sink, one table (best config)",
                    peers.sinkRate(), true, "≥ 1.0× the sink", 1.0, note);
        } else {
            r.add("3 projection", what, c.perSecond(), "events/s", note);
        }
        if (peers.copyRate() != null) {
            r.compare("3 projection", what, c.perSecond(), "events/s", "PostgreSQL COPY of projection rows",
                    peers.copyRate(), true, "≥ 0.5× COPY", 0.5, null);
        }
        r.add("3 projection", "the same backlog in the search index (its own projection, behind the read models), "
                + "from the same start until it had indexed all of it", c.searchPerSecond(), "events/s", null);
    }

    private static void growth(Results r, ProjectionBench projection, Size s, ProjectionBench.CatchUp first,
                               HttpLoad.Outcome firstTimeline) throws Exception {
        projection.pause();
        projection.load(s.growth(), 10_000);
        ProjectionBench.CatchUp next = projection.resumeAndTime();
        HttpLoad.Outcome timeline = projection.timeline();
        String base = String.format(Locale.ROOT, "log of %,d records", first.logRecords());
        String label = String.format(Locale.ROOT, "log of %,d records", next.logRecords());
        r.add("7 growth", "projection rate, " + base, first.perSecond(), "events/s", null);
        r.compare("7 growth", "projection rate, " + label, next.perSecond(), "events/s", base, first.perSecond(), true,
                "flat (within 1.5×)", 1 / 1.5, String.format(Locale.ROOT, "%,d events added", next.events()));
        // The search index takes the long first catch-up at about 60 % of the read models' rate, and
        // keeps pace with them through the short second one: the row above times a window that holds
        // more of the search index's work the second time. Both projections' work, from the same start
        // until both had everything, is the like-for-like figure (no target of its own).
        r.compare("7 growth", "the read models and the search index together (until both had everything), " + label,
                next.searchPerSecond(), "events/s", base, first.searchPerSecond(), true, null, null, null);
        r.add("7 growth", "timeline page p99 at 100/s, " + base, firstTimeline.p99Ms(), "ms",
                "p50 " + Results.number(firstTimeline.p50Ms()) + " ms");
        r.compare("7 growth", "timeline page p99 at 100/s, " + label, timeline.p99Ms(), "ms", base, firstTimeline.p99Ms(), false,
                "flat (within 1.5×)", 1 / 1.5, "p50 " + Results.number(timeline.p50Ms()) + " ms");
    }

    private static void importRate(Results r, Target t, Size s, ProjectionBench projection) throws Exception {
        ImportBench.Outcome o = new ImportBench(t).run(s.importRows(), projection::awaitCaughtUp);
        r.add("9 import", String.format(Locale.ROOT, "GDELT export of %,d rows → the log (chunks of 5,000, projection running)",
                        o.first().rowsRead()), o.first().rowsPerSecond(), "rows/s",
                String.format(Locale.ROOT, "%,d recorded, %,d skipped (no country); %.1f s", o.first().recorded(),
                        o.first().skipped(), o.first().took().toMillis() / 1000.0));
        r.add("9 import", "the same file again (every fact already known, nothing posted)", o.again().rowsPerSecond(), "rows/s",
                String.format(Locale.ROOT, "%,d already known, %,d recorded; %.1f s", o.again().alreadyKnown(), o.again().recorded(),
                        o.again().took().toMillis() / 1000.0));
    }

    private static void explorer(Results r, Target t, Size s) throws Exception {
        ExplorerBench.Outcome o = new ExplorerBench(t).run(s == Size.SMOKE ? 1 : 5);
        r.add("10 explorer", "page weight: the HTML, scripts and styles of the demo relation's page, uncompressed", o.bytes() / 1024.0, "KiB",
                ExplorerBench.FILES.size() + " files, all from query-service");
        if (o.note() != null) {
            r.context("10 explorer: time to first render", o.note());
            return;
        }
        List<Long> warm = new java.util.ArrayList<>(o.warmMs());
        java.util.Collections.sort(warm);
        r.add("10 explorer", "time to first render of the demo relation, cold (a new headless Chromium)", (double) o.coldMs(), "ms",
                "navigation start to summary, axis and registers shown");
        r.add("10 explorer", "time to first render of the demo relation, warm (median of " + warm.size() + " reloads)",
                (double) warm.get(warm.size() / 2), "ms", "all: " + warm);
    }

    private static String failures(HttpLoad.Outcome o) {
        return o.failed() == 0 ? null : o.failed() + " failed, first: " + o.firstFailure();
    }

    private static String failures(HttpLoad.Outcome o, String prefix) {
        return o.failed() == 0 ? "" : prefix + o.failed() + " failed, first: " + o.firstFailure();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                a.put(key, args[++i]);
            } else {
                a.put(key, "true");
            }
        }
        return a;
    }

    /** The peers' figures from the same session (the bench/peers scripts' JSON lines), where they were run. */
    record Peers(Double kafkaLimit, Double copyRate, Double sinkRate, Double sinkFreshP50, Double sinkFreshP99) {

        static Peers read(String file) throws Exception {
            Double kafka = null;
            Double copy = null;
            Double sink = null;
            Double p50 = null;
            Double p99 = null;
            if (file != null && Files.exists(Path.of(file))) {
                ObjectMapper json = new ObjectMapper();
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = json.readTree(line);
                    switch (n.path("name").asText()) {
                        case "kafka-limit" -> kafka = n.path("unbounded").path("records_per_s").asDouble();
                        case "pg-limit" -> copy = n.path("default_durability").path("copy").path("rows_per_s").asDouble();
                        case "jdbc-sink" -> {
                            double best = 0;
                            for (JsonNode v : n.path("throughput")) {
                                best = Math.max(best, v.path("mean_events_per_s").asDouble());
                            }
                            sink = best;
                            p50 = n.path("freshness").path("polled_p50_ms").asDouble();
                            p99 = n.path("freshness").path("polled_p99_ms").asDouble();
                        }
                        default -> { }
                    }
                }
            }
            return new Peers(kafka, copy, sink, p50, p99);
        }
    }
}
