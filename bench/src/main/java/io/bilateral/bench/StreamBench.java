package io.bilateral.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Benchmark 8: many SSE subscribers on one query-service while facts flow through
 * event-service at a steady rate. Each subscriber follows one dyad (or every dyad); the
 * delivery latency is from event-service accepting an event (its {@code time}) to a
 * subscriber reading it, so it spans the whole path: batch publish, Kafka, projection
 * commit, NOTIFY, tail, fan-out, HTTP.
 */
final class StreamBench {

    /**
     * {@code postedPerSecond}: the rate event-service took the events at, which falls short of the asked one when it cannot keep up.
     * {@code warmup}: the same load's first seconds (what a cold system gives), measured apart.
     */
    record Outcome(int subscribers, long posted, long expected, long delivered, Histogram latencyMicros,
                   double maxRssMb, double deliveredPerSecond, double postedPerSecond, String cpu, Outcome warmup) {
    }

    private final Vertx vertx;
    private final Target target;

    StreamBench(Vertx vertx, Target target) {
        this.vertx = vertx;
        this.target = target;
    }

    /**
     * @param perDyad true: subscriber i follows dyad i mod dyads; false: all follow everything
     * @param warmup   how long the load runs before {@code window} (measured apart: {@link Outcome#warmup()}); zero for none
     */
    Outcome run(int subscribers, int dyads, boolean perDyad, int rate, Duration warmup, Duration window,
                Supplier<CpuShares> cpu) throws Exception {
        Facts facts = new Facts(dyads, "s" + System.currentTimeMillis());
        HttpClient streams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(subscribers));
        Recorder latency = new Recorder(3);
        LongAdder delivered = new LongAdder();
        List<Future<SseSubscriber>> opening = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String query = perDyad ? "?from=now&dyad=" + facts.dyads().get(i % dyads) : "?from=now";
            opening.add(SseSubscriber.open(streams, target.queries(), query, data -> {
                long micros = Duration.between(SseSubscriber.time(data), Instant.now()).toNanos() / 1000;
                latency.recordValue(Math.max(1, micros));
                delivered.increment();
            }));
        }
        List<SseSubscriber> open = new ArrayList<>();
        for (Future<SseSubscriber> f : opening) {
            open.add(f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS));
        }
        // The producer: a batch every 10 ms through event-service, the way a feed would post.
        int perBatch = Math.max(1, rate / 100);
        HttpLoad.Request batch = new HttpLoad.Request(HttpMethod.POST, "/events/batch",
                Map.of("Authorization", "Bearer " + target.token(), "Content-Type", "application/json"), () -> facts.array(perBatch));
        // First the load's warm-up, measured apart: the broker, event-service and query-service
        // meet small transactions at this rate for the first time here, and their compilers take
        // a third of the machine for tens of seconds (BENCHMARKS.md, "Measured: 2026-12-06, 07:57–08:34").
        // Each posted event owes a delivery to every subscriber that follows its dyad.
        LongUnaryOperator owed = events -> perDyad ? events * subscribers / dyads : events * subscribers;
        try {
            Outcome first = warmup.isZero() ? null : post(batch, perBatch, rate, warmup, owed, subscribers, latency, delivered, cpu, null);
            return post(batch, perBatch, rate, window, owed, subscribers, latency, delivered, cpu, first);
        } finally {
            open.forEach(SseSubscriber::close);
            streams.close();
        }
    }

    /** Posts at {@code rate} for {@code duration}, then waits (30 s at most) for every delivery that load owes. */
    private Outcome post(HttpLoad.Request batch, int perBatch, int rate, Duration duration, LongUnaryOperator owed, int subscribers,
                         Recorder latency, LongAdder delivered, Supplier<CpuShares> cpu, Outcome warmup) throws Exception {
        latency.reset();
        delivered.reset();
        CpuShares shares = cpu.get();
        double[] maxRss = {Target.rssMb(target.queryPid())};
        long sampler = vertx.setPeriodic(250, id -> maxRss[0] = Math.max(maxRss[0], Target.rssMb(target.queryPid())));
        long started = System.nanoTime();
        HttpLoad.Outcome posted = new HttpLoad(vertx, target.events()).atRate(batch, rate / (double) perBatch, duration, 8);
        long postedEvents = posted.ok() * perBatch;
        long expected = owed.applyAsLong(postedEvents);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        vertx.cancelTimer(sampler);
        Histogram h = latency.getIntervalHistogram();
        return new Outcome(subscribers, postedEvents, expected, delivered.sum(), h, maxRss[0], delivered.sum() / seconds,
                posted.perSecond() * perBatch, shares.shares(), warmup);
    }
}
