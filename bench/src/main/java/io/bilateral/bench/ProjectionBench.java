package io.bilateral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Benchmarks 3 and 7: how fast the projection folds events into every read model, and
 * whether that and a timeline page's latency hold as the log grows. The projection is paused
 * while a step's events are loaded through event-service, then resumed and timed until it
 * has caught up (the lag monitor's measurement); the full replay is a rebuild of every read
 * model from the log, timed by the rebuild itself.
 */
final class ProjectionBench {

    record Step(long events, long added, double projectedPerSecond, HttpLoad.Outcome timeline) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx;
    private final Target target;
    private final String admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Facts facts = new Facts(200, "g" + System.currentTimeMillis());

    ProjectionBench(Vertx vertx, Target target, String admin) {
        this.vertx = vertx;
        this.target = target;
        this.admin = admin;
    }

    /** Adds {@code add} events (in batches of {@code batch}) with the projection paused, then times its catch-up. */
    Step grow(long add, int batch, long totalAfter) throws Exception {
        call("POST", "/projection/pause", true);
        IngestBench ingest = new IngestBench(vertx, target);
        long left = add;
        while (left > 0) {
            int n = (int) Math.min(batch, left);
            ingest.batches(1, n, facts);
            left -= n;
        }
        Instant resumed = Instant.now();
        call("POST", "/projection/resume", true);
        Instant caughtUp = awaitCaughtUp(resumed);
        double rate = add / (Duration.between(resumed, caughtUp).toNanos() / 1e9);
        HttpLoad.Outcome timeline = new HttpLoad(vertx, target.queries()).atRate(new HttpLoad.Request(HttpMethod.GET,
                "/dyads/" + facts.dyads().get(0) + "/timeline?limit=50", Map.of(), null), 100, Duration.ofSeconds(5), 8);
        return new Step(totalAfter, add, rate, timeline);
    }

    /** Rebuilds every read model from the whole log: events per second of the replay. */
    double replay() throws Exception {
        call("POST", "/projection/rebuild", true);
        while (true) {
            JsonNode status = JSON.readTree(call("GET", "/projection/rebuild", false));
            String state = status.path("state").asText();
            if (state.equals("DONE")) {
                double seconds = Duration.between(Instant.parse(status.path("startedAt").asText()),
                        Instant.parse(status.path("finishedAt").asText())).toNanos() / 1e9;
                return status.path("recordsReplayed").asLong() / seconds;
            }
            if (state.equals("FAILED") || state.equals("RUNNING_ELSEWHERE")) {
                throw new IllegalStateException("rebuild " + state + ": " + status);
            }
            Thread.sleep(200);
        }
    }

    /** The first lag measurement taken after {@code since} that shows no lag: when the projection had caught up. */
    private Instant awaitCaughtUp(Instant since) throws Exception {
        while (true) {
            JsonNode status = JSON.readTree(call("GET", "/projection/status", false));
            Instant measured = status.hasNonNull("measuredAt") ? Instant.parse(status.path("measuredAt").asText()) : Instant.MIN;
            if (measured.isAfter(since) && status.path("lagEvents").asLong() == 0 && status.path("measureError").isNull()) {
                return measured;
            }
            Thread.sleep(50);
        }
    }

    private String call(String method, String path, boolean asAdmin) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(target.queries() + path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (asAdmin) {
            r.header("Authorization", "Bearer " + admin);
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
