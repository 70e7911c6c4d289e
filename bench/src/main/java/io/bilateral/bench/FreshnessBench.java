package io.bilateral.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 4: how long after a client sends {@code POST /events} its fact is visible, in a
 * GET ({@code /facts/{id}} polled) and on the stream (a subscriber receives it). Single
 * events at a steady rate; at high rates only every n-th fact is polled by GET, so the
 * polling does not become the load.
 */
final class FreshnessBench {

    /** {@code postedPerSecond}: the rate the posts were answered at, short of {@code rate} when event-service cannot keep up. */
    record Outcome(double rate, long posted, Histogram getMicros, Histogram streamMicros, long streamMissing, double postedPerSecond) {
    }

    private final Vertx vertx;
    private final Target target;

    FreshnessBench(Vertx vertx, Target target) {
        this.vertx = vertx;
        this.target = target;
    }

    Outcome run(double rate, Duration duration, int pollEvery, Duration pollInterval) throws Exception {
        Facts facts = new Facts(50, "f" + System.currentTimeMillis());
        HttpClient client = HttpLoad.client(vertx, 64);
        Recorder onGet = new Recorder(3);
        Recorder onStream = new Recorder(3);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        SseSubscriber stream = SseSubscriber.open(client, target.queries(), "?from=now", data -> {
            Long sent = sentAt.remove(SseSubscriber.id(data));
            if (sent != null) {
                onStream.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            }
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        long total = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        AtomicLong issued = new AtomicLong();
        AtomicLong settled = new AtomicLong();
        AtomicLong posted = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(start);
        CompletableFuture<Void> done = new CompletableFuture<>();
        long timer = vertx.setPeriodic(1, id -> {
            while (issued.get() < total && start + issued.get() * interval <= System.nanoTime()) {
                long n = issued.getAndIncrement();
                UUID eventId = UUID.randomUUID();
                String fact = facts.next(eventId);
                long sent = System.nanoTime();
                sentAt.put(eventId.toString(), sent);
                boolean poll = n % pollEvery == 0;
                post(client, fact).onComplete(r -> {
                    if (r.succeeded() && r.result()) {
                        posted.incrementAndGet();
                        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                        if (poll) {
                            pollUntilVisible(client, Facts.factId(fact, eventId), sent, pollInterval, onGet, () -> settle(settled, total, done));
                            return;
                        }
                    } else {
                        sentAt.remove(eventId.toString());
                    }
                    settle(settled, total, done);
                });
            }
        });
        try {
            done.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            vertx.cancelTimer(timer);
        }
        stream.close();
        client.close();
        return new Outcome(rate, posted.get(), onGet.getIntervalHistogram(), onStream.getIntervalHistogram(), sentAt.size(),
                posted.get() / Math.max(1e-9, (lastAnswer.get() - start) / 1e9));
    }

    private static void settle(AtomicLong settled, long total, CompletableFuture<Void> done) {
        if (settled.incrementAndGet() == total) {
            done.complete(null);
        }
    }

    private io.vertx.core.Future<Boolean> post(HttpClient client, String fact) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.events().getHost())
                .setPort(target.events().getPort()).setURI("/events")
                .putHeader("Authorization", "Bearer " + target.token()).putHeader("Content-Type", "application/json");
        return client.request(o).compose(req -> req.send(Buffer.buffer(fact)))
                .compose(resp -> resp.body().map(b -> resp.statusCode() == 202));
    }

    private void pollUntilVisible(HttpClient client, String factId, long sent, Duration every, Recorder onGet, Runnable then) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.queries().getHost())
                .setPort(target.queries().getPort()).setURI("/facts/" + factId);
        client.request(o).compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode() == 200))
                .onComplete(r -> {
                    if (r.succeeded() && r.result()) {
                        onGet.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        then.run();
                    } else if (System.nanoTime() - sent > TimeUnit.SECONDS.toNanos(30)) {
                        then.run();
                    } else {
                        vertx.setTimer(Math.max(1, every.toMillis()), id -> pollUntilVisible(client, factId, sent, every, onGet, then));
                    }
                });
    }
}
