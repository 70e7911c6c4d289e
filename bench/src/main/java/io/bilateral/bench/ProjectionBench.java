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
 * while events are written, then resumed and timed until it has caught up (the lag monitor's
 * measurement, every 200 ms in a bench run): a replay of that backlog into every read model.
 */
final class ProjectionBench {

    /**
     * A catch-up: how many events, how fast into the read models, how long the log was after
     * it, who used the CPU meanwhile, and how fast the search index (a projection of its own,
     * behind the read models) had the same backlog, counted from the same start.
     */
    record CatchUp(long events, double perSecond, long logRecords, String cpu, double searchPerSecond) {
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

    /** Stops this instance's projection (it answers once paused); writes pile up in the log. */
    void pause() throws Exception {
        call("POST", "/projection/pause", true);
    }

    /**
     * Resumes the paused projection and times it until it has caught up with everything
     * written meanwhile: the backlog (the lag measured just before) over the time taken.
     */
    CatchUp resumeAndTime() throws Exception {
        Instant asked = Instant.now();
        JsonNode before = awaitMeasurementAfter(asked);
        long backlog = before.path("lagEvents").asLong();
        Instant resumed = Instant.now();
        CpuShares cpu = CpuShares.start(target);
        call("POST", "/projection/resume", true);
        JsonNode after = awaitCaughtUp(resumed);
        String shares = cpu.shares();
        Instant caughtUp = Instant.parse(after.path("measuredAt").asText());
        long records = 0;
        for (JsonNode p : after.path("partitions")) {
            records += p.path("committedOffset").asLong();
        }
        // The search index follows the read models: the next benchmark must not run beside its catch-up.
        Instant searchCaughtUp = Instant.parse(awaitSearchCaughtUp(caughtUp).path("measuredAt").asText());
        return new CatchUp(backlog, backlog / (Duration.between(resumed, caughtUp).toNanos() / 1e9), records, shares,
                backlog / (Duration.between(resumed, searchCaughtUp).toNanos() / 1e9));
    }

    /** Waits (without timing) until the projection, and the search index behind it, have applied everything in the log. */
    void awaitCaughtUp() throws Exception {
        awaitSearchCaughtUp(Instant.now());
    }

    /** The first measurement after {@code since} with nothing left for the search index to index. */
    private JsonNode awaitSearchCaughtUp(Instant since) throws Exception {
        while (true) {
            JsonNode status = awaitMeasurementAfter(since);
            if (status.path("lagEvents").asLong() == 0 && status.path("searchLagEvents").asLong() == 0) {
                return status;
            }
            since = Instant.parse(status.path("measuredAt").asText());
        }
    }

    /** Adds {@code add} events through the batch API in batches of {@code batch}, with the projection paused. */
    void load(long add, int batch) throws Exception {
        IngestBench ingest = new IngestBench(vertx, target);
        for (long left = add; left > 0; left -= batch) {
            ingest.batches(1, 0, (int) Math.min(batch, left), facts);
        }
    }

    /** Timeline page latency at 100 requests/s for 5 s, on a dyad the loads filled. */
    HttpLoad.Outcome timeline() throws Exception {
        return new HttpLoad(vertx, target.queries()).atRate(new HttpLoad.Request(HttpMethod.GET,
                "/dyads/" + measuredDyad() + "/timeline?limit=50", Map.of(), null), 100, Duration.ofSeconds(5), 8);
    }

    /** The dyad whose reads are measured: one of those the loads fill evenly. */
    String measuredDyad() {
        return facts.dyads().get(0);
    }

    private JsonNode awaitMeasurementAfter(Instant since) throws Exception {
        while (true) {
            JsonNode status = JSON.readTree(call("GET", "/projection/status", false));
            if (status.hasNonNull("measuredAt") && Instant.parse(status.path("measuredAt").asText()).isAfter(since)
                    && status.path("measureError").isNull()) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    /** The first lag measurement taken after {@code since} that shows no lag: when the projection had caught up. */
    private JsonNode awaitCaughtUp(Instant since) throws Exception {
        while (true) {
            JsonNode status = awaitMeasurementAfter(since);
            if (status.path("lagEvents").asLong() == 0) {
                return status;
            }
            since = Instant.parse(status.path("measuredAt").asText());
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
