package io.bilateral.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An HTTP load generator on Vert.x with HdrHistogram: a closed loop for the peak rate, and an
 * open loop at a fixed rate whose latencies count from when each request was due, so a
 * stalled server shows in p99 instead of slowing the generator down (no coordinated omission).
 */
final class HttpLoad {

    /** What to send; the body is made per request (null for none). */
    record Request(HttpMethod method, String path, Map<String, String> headers, Supplier<String> body) {
    }

    /** Requests answered 2xx per second, how many, how many failed, latencies in microseconds. */
    record Outcome(double perSecond, long ok, long failed, Histogram latencyMicros, String firstFailure, Histogram lateMicros) {
        double p50Ms() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }

        /** How late the generator itself sent the requests, p99 (an open loop only; 0 for a closed one). */
        double lateP99Ms() {
            return lateMicros == null ? 0 : lateMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final Vertx vertx;
    private final URI base;

    HttpLoad(Vertx vertx, URI base) {
        this.vertx = vertx;
        this.base = base;
    }

    /** {@code connections} requests always in flight; measured after the warm-up. */
    Outcome peak(Request r, int connections, Duration warmup, Duration duration) throws Exception {
        HttpClient client = client(connections);
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + warmup.toNanos();
        long end = start + duration.toNanos();
        CompletableFuture<?>[] loops = new CompletableFuture<?>[connections];
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops[i] = done;
            loop(client, r, start, end, recorder, ok, failed, done);
        }
        CompletableFuture.allOf(loops).get(warmup.plus(duration).toSeconds() + 60, TimeUnit.SECONDS);
        client.close();
        return new Outcome(ok.get() / (duration.toNanos() / 1e9), ok.get(), failed.get(), recorder.getIntervalHistogram(),
                takeFirstFailure(), null);
    }

    private void loop(HttpClient client, Request r, long start, long end, Recorder recorder, AtomicLong ok,
                      AtomicLong failed, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.complete(null);
            return;
        }
        send(client, r).onComplete(result -> {
            long now = System.nanoTime();
            if (sent >= start && now <= end) {
                if (result.succeeded() && result.result()) {
                    ok.incrementAndGet();
                    recorder.recordValue(Math.max(1, (now - sent) / 1000));
                } else {
                    failed.incrementAndGet();
                }
            }
            loop(client, r, start, end, recorder, ok, failed, done);
        });
    }

    /** Requests due at a steady {@code rate} per second for the duration; latency from when each was due. */
    Outcome atRate(Request r, double rate, Duration duration, int connections) throws Exception {
        HttpClient client = client(connections);
        Recorder recorder = new Recorder(3);
        Recorder late = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        AtomicLong issued = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (issued.get() < total && start + issued.get() * interval <= now) {
                long due = start + issued.getAndIncrement() * interval;
                late.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                send(client, r).onComplete(result -> {
                    if (result.succeeded() && result.result()) {
                        ok.incrementAndGet();
                        recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    } else {
                        failed.incrementAndGet();
                    }
                    if (finished.incrementAndGet() == total) {
                        done.complete(null);
                    }
                });
            }
        });
        try {
            done.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(timer);
            client.close();
        }
        return new Outcome(ok.get() / ((System.nanoTime() - start) / 1e9), ok.get(), failed.get(), recorder.getIntervalHistogram(),
                takeFirstFailure(), late.getIntervalHistogram());
    }

    /** One request, waited for: its status. */
    int call(Request r) throws Exception {
        HttpClient client = client(1);
        try {
            RequestOptions options = new RequestOptions().setMethod(r.method()).setHost(base.getHost()).setPort(base.getPort())
                    .setURI(r.path()).setIdleTimeout(0);
            r.headers().forEach(options::putHeader);
            return client.request(options)
                    .compose(req -> r.body() == null ? req.send() : req.send(Buffer.buffer(r.body().get())))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } finally {
            client.close();
        }
    }

    private HttpClient client(int connections) {
        return client(vertx, connections);
    }

    /** A keep-alive client without Nagle's delay, holding up to {@code connections} connections. */
    static HttpClient client(Vertx vertx, int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    /** True when answered 2xx, with the whole body read. */
    private final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();

    private String takeFirstFailure() {
        return firstFailure.getAndSet(null);
    }

    private io.vertx.core.Future<Boolean> send(HttpClient client, Request r) {
        RequestOptions options = new RequestOptions().setMethod(r.method()).setHost(base.getHost()).setPort(base.getPort())
                .setURI(r.path());
        r.headers().forEach(options::putHeader);
        return client.request(options).compose(req -> {
            String body = r.body() == null ? null : r.body().get();
            return body == null ? req.send() : req.send(Buffer.buffer(body));
        }).compose(resp -> resp.body().map(b -> {
            boolean ok = resp.statusCode() / 100 == 2;
            if (!ok) {
                firstFailure.compareAndSet(null, resp.statusCode() + " " + b.toString().substring(0, Math.min(200, b.length())));
            }
            return ok;
        })).onFailure(e -> firstFailure.compareAndSet(null, e.toString()));
    }
}
