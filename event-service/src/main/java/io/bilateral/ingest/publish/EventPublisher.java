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

import java.util.concurrent.TimeoutException;

/**
 * Publishes an event to the log and completes only when the broker has acknowledged it
 * ({@code acks=all}), with its position. Anything else, including no answer within the
 * configured timeout, fails with {@link BrokerUnavailableException}: nothing is reported
 * accepted that the broker did not take.
 */
@ApplicationScoped
public class EventPublisher {

    private final Producer<String, byte[]> producer;
    private final IngestConfig config;
    private final PublishMetrics metrics;
    private final PublishTracing tracing;

    EventPublisher(Producer<String, byte[]> producer, IngestConfig config, PublishMetrics metrics, PublishTracing tracing) {
        this.producer = producer;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
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
        // send() may block while it fetches metadata: never on an event loop. A blocking
        // resource's thread may wait, and handing over to yet another worker cost a thread hop
        // and a context capture on every POST.
        if (Context.isOnEventLoopThread()) {
            sent = sent.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        // The producer answers within the timeout (see KafkaProducerFactory); this is a backstop.
        return sent.ifNoItem().after(config.publish().timeout().plusSeconds(1))
                .failWith(() -> new BrokerUnavailableException("no acknowledgement from the broker within "
                        + config.publish().timeout().toMillis() + " ms", new TimeoutException(), event));
    }
}
