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

/**
 * Benchmark 8: many SSE subscribers on one query-service while facts flow through
 * event-service at a steady rate. Each subscriber follows one dyad (or every dyad); the
 * delivery latency is from event-service accepting an event (its {@code time}) to a
 * subscriber reading it, so it spans the whole path: batch publish, Kafka, projection
 * commit, NOTIFY, tail, fan-out, HTTP.
 */
final class StreamBench {

    /** {@code postedPerSecond}: the rate event-service took the events at, which falls short of the asked one when it cannot keep up. */
    record Outcome(int subscribers, long posted, long expected, long delivered, Histogram latencyMicros,
                   double maxRssMb, double deliveredPerSecond, double postedPerSecond) {
    }

    private final Vertx vertx;
    private final Target target;

    StreamBench(Vertx vertx, Target target) {
        this.vertx = vertx;
        this.target = target;
    }

    /**
     * @param perDyad true: subscriber i follows dyad i mod dyads; false: all follow everything
     */
    Outcome run(int subscribers, int dyads, boolean perDyad, int rate, Duration duration) throws Exception {
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
        latency.reset();

        // The producer: a batch every 10 ms through event-service, the way a feed would post.
        int perBatch = Math.max(1, rate / 100);
        HttpLoad.Request batch = new HttpLoad.Request(HttpMethod.POST, "/events/batch",
                Map.of("Authorization", "Bearer " + target.token(), "Content-Type", "application/json"), () -> facts.array(perBatch));
        double[] maxRss = {Target.rssMb(target.queryPid())};
        long sampler = vertx.setPeriodic(250, id -> maxRss[0] = Math.max(maxRss[0], Target.rssMb(target.queryPid())));
        long started = System.nanoTime();
        HttpLoad.Outcome posted = new HttpLoad(vertx, target.events()).atRate(batch, rate / (double) perBatch, duration, 8);
        long postedEvents = posted.ok() * perBatch;
        long expected = perDyad ? postedEvents * subscribers / dyads : postedEvents * subscribers;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        vertx.cancelTimer(sampler);
        Histogram h = latency.getIntervalHistogram();
        open.forEach(SseSubscriber::close);
        streams.close();
        return new Outcome(subscribers, postedEvents, expected, delivered.sum(), h, maxRss[0], delivered.sum() / seconds,
                posted.perSecond() * perBatch);
    }
}
