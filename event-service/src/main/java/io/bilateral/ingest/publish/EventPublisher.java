package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import io.opentelemetry.api.trace.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an event to the log and completes only when the broker has acknowledged it
 * ({@code acks=all}), with its position. Anything else, including no answer within the
 * configured timeout, fails with {@link BrokerUnavailableException}: nothing is reported
 * accepted that the broker did not take.
 */
@ApplicationScoped
public class EventPublisher {

    /**
     * How long after an acknowledgement send() is taken not to wait for metadata: the producer
     * keeps a topic's metadata while it sends to it and forgets it only after
     * {@code metadata.max.idle.ms} (5 minutes) without a send.
     */
    static final Duration METADATA_HELD = Duration.ofMinutes(1);
    /**
     * The share of the producer's buffer ({@code buffer.memory}, 32 MB) that must be free for
     * send() to be taken not to wait for space: a quarter, room for eight of the largest events
     * ({@code max-event-bytes}, 1 MB) appended at once between the check and the send (Quarkus
     * runs two event loops a core).
     */
    static final double BUFFER_RESERVE = 0.25;

    private final Producer<String, byte[]> producer;
    /** Kafka's own gauge of the producer's free buffer (null when it has none: then every send() is taken to wait). */
    private final Metric bufferFree;
    /** {@link #BUFFER_RESERVE} of the buffer's size ({@code buffer.memory}, fixed for the producer's life), in bytes. */
    private final double reserveBytes;
    /** When the broker last acknowledged an event (System.nanoTime()); a minute and more ago at first. */
    private volatile long acknowledgedAt = System.nanoTime() - 2 * METADATA_HELD.toNanos();
    private final IngestConfig config;
    private final PublishMetrics metrics;
    private final PublishTracing tracing;

    EventPublisher(Producer<String, byte[]> producer, IngestConfig config, PublishMetrics metrics, PublishTracing tracing) {
        this.producer = producer;
        this.bufferFree = producerMetric(producer, "buffer-available-bytes");
        Metric bufferTotal = producerMetric(producer, "buffer-total-bytes");
        this.reserveBytes = bufferTotal == null ? Double.NaN : BUFFER_RESERVE * bytes(bufferTotal);
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    private static Metric producerMetric(Producer<?, ?> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(m -> m.getKey().group().equals("producer-metrics") && m.getKey().name().equals(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public Uni<LogPosition> publish(EventEnvelope event) {
        // Started here, on the caller's thread, where the POST's span is current.
        Span span = tracing.start(1);
        Uni<LogPosition> sent = Uni.createFrom().emitter(em -> {
            long start = System.nanoTime();
            try {
                ProducerRecord<String, byte[]> record = CloudEventsKafka.toRecord(Topics.EVENTS, event, config.publish().source());
                tracing.inject(span, record.headers());
                producer.send(record,
                        (meta, error) -> {
                            metrics.single(start, error == null);
                            PublishTracing.end(span, error);
                            if (error == null) {
                                acknowledgedAt = System.nanoTime();
                                em.complete(new LogPosition(meta.partition(), meta.offset()));
                            } else {
                                em.fail(new BrokerUnavailableException("the broker did not acknowledge the event: " + error.getMessage(), error, event));
                            }
                        });
            } catch (RuntimeException e) {
                metrics.single(start, false);
                PublishTracing.end(span, e);
                em.fail(new BrokerUnavailableException("the broker cannot be reached: " + e.getMessage(), e, event));
            }
        });
        // send() waits for two things only: metadata the producer does not have (it has the
        // topic's while the broker acknowledges) and room in its buffer. When it has both, it
        // runs where the POST was read, on the event loop: the hop to a worker and back was a
        // tenth of event-service's CPU at the POST's peak (BENCHMARKS.md). Otherwise (just
        // started, nothing acknowledged for a minute, the buffer three-quarters full: the
        // broker may be gone) never on an event loop. A blocking resource's thread may wait.
        if (Context.isOnEventLoopThread() && sendMayWait()) {
            sent = sent.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        // The producer answers within the timeout (see KafkaProducerFactory); this is a backstop.
        return sent.ifNoItem().after(config.publish().timeout().plusSeconds(1))
                .failWith(() -> new BrokerUnavailableException("no acknowledgement from the broker within "
                        + config.publish().timeout().toMillis() + " ms", new TimeoutException(), event));
    }

    /**
     * True unless the broker acknowledged an event within the last {@link #METADATA_HELD} and
     * at least {@link #BUFFER_RESERVE} of the producer's buffer is free.
     */
    boolean sendMayWait() {
        if (System.nanoTime() - acknowledgedAt > METADATA_HELD.toNanos() || bufferFree == null || Double.isNaN(reserveBytes)) {
            return true;
        }
        return bytes(bufferFree) < reserveBytes;
    }

    private static double bytes(Metric gauge) {
        return gauge.metricValue() instanceof Number n ? n.doubleValue() : 0;
    }
}
