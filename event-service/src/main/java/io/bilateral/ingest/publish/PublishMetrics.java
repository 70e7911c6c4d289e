package io.bilateral.ingest.publish;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * What an operator watches of the writes, at {@code /q/metrics} beside the HTTP server's own
 * metrics: how long the broker takes to acknowledge a single event and to commit a batch, and
 * how large batches are. Histograms, so that a percentile can be read across instances.
 */
@ApplicationScoped
public class PublishMetrics {

    private final Timer singleAcked;
    private final Timer singleFailed;
    private final Timer batchCommitted;
    private final Timer batchFailed;
    private final DistributionSummary batchEvents;

    PublishMetrics(MeterRegistry registry) {
        singleAcked = publishTimer(registry, "single", "acknowledged");
        singleFailed = publishTimer(registry, "single", "failed");
        batchCommitted = publishTimer(registry, "batch", "committed");
        batchFailed = publishTimer(registry, "batch", "failed");
        batchEvents = DistributionSummary.builder("bilateral.batch.events").description("Events in a batch handed to the broker")
                .baseUnit("events").publishPercentileHistogram().register(registry);
    }

    private static Timer publishTimer(MeterRegistry registry, String kind, String outcome) {
        return Timer.builder("bilateral.publish").description("From handing events to the producer to the broker's answer")
                .tag("kind", kind).tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    void single(long startNanos, boolean acknowledged) {
        (acknowledged ? singleAcked : singleFailed).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void batch(long startNanos, int events, boolean committed) {
        (committed ? batchCommitted : batchFailed).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        batchEvents.record(events);
    }
}
