package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.ingest.config.IngestConfig;
import io.bilateral.ingest.validate.SubmissionReader;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Where {@link EventPublisher} calls the producer's send() for a POST read on an event loop:
 * on a worker while send() may wait (for metadata: nothing acknowledged yet; for room in the
 * producer's buffer), on the event loop itself once the broker acknowledges. A producer that
 * records the thread of each send() stands in for Kafka's in the first three: what they test is
 * this service's choice of thread; the last reads Kafka's own producer's gauges.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class SendThreadTest {

    static final long BOUND_SECONDS = 30;

    @Inject
    IngestConfig config;
    @Inject
    PublishMetrics metrics;
    @Inject
    PublishTracing tracing;
    @Inject
    Vertx vertx;
    @Inject
    Producer<String, byte[]> kafkasProducer;

    /**
     * Acknowledges each record at once (or leaves it to the test), notes whether send() ran on
     * an event loop, and reports a buffer of 32 MB with {@code free} bytes free, under the names
     * of Kafka's producer gauges.
     */
    static final class ThreadNotingProducer extends MockProducer<String, byte[]> {
        final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

        ThreadNotingProducer(boolean acknowledgeAtOnce, long free) {
            super(acknowledgeAtOnce, new FirstPartition(), new StringSerializer(), new ByteArraySerializer());
            gauge("buffer-total-bytes", 32L << 20);
            gauge("buffer-available-bytes", free);
        }

        private void gauge(String name, long value) {
            MetricName id = new MetricName(name, "producer-metrics", "", Map.of("client-id", "test"));
            setMockMetrics(id, new Metric() {
                @Override
                public MetricName metricName() {
                    return id;
                }

                @Override
                public Object metricValue() {
                    return (double) value;
                }
            });
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            onEventLoop.add(Context.isOnEventLoopThread());
            return super.send(record, callback);
        }
    }

    /** The mock knows no topics: every record goes to partition 0. */
    static final class FirstPartition implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return 0;
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());

    private EventEnvelope event() {
        return reader.read("""
                {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-CHN", "occurred": "1971-10-25",
                 "certainty": "CONFIRMED",
                 "sources": [{"url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
                              "title": "Belgium–China relations", "published": "2025-10", "locator": "History",
                              "retrievedAt": "2026-11-28T09:00:00Z"}]}""");
    }

    /** Publishes from an event loop, as a POST read whole is; the outcome, once the producer has answered. */
    private CompletableFuture<LogPosition> publishOnAnEventLoop(EventPublisher publisher) {
        CompletableFuture<LogPosition> outcome = new CompletableFuture<>();
        Context loop = vertx.getOrCreateContext();
        assertThat(loop.isEventLoopContext()).isTrue();
        loop.runOnContext(v -> publisher.publish(event()).subscribe().with(outcome::complete, outcome::completeExceptionally));
        return outcome;
    }

    @Test
    void beforeTheBrokerAcknowledgedAnything_sendRunsOnAWorker_andOnceItHas_onTheEventLoop() throws Exception {
        ThreadNotingProducer producer = new ThreadNotingProducer(true, 32L << 20);
        EventPublisher publisher = new EventPublisher(producer, config, metrics, tracing);

        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);
        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);
        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(producer.onEventLoop).containsExactly(false, true, true);
        assertThat(producer.history()).hasSize(3);
    }

    @Test
    void aRefusedEvent_isNoAcknowledgement_soTheNextSendStillRunsOnAWorker() throws Exception {
        ThreadNotingProducer producer = new ThreadNotingProducer(false, 32L << 20);
        EventPublisher publisher = new EventPublisher(producer, config, metrics, tracing);

        CompletableFuture<LogPosition> refused = publishOnAnEventLoop(publisher);
        awaitSends(producer, 1);
        assertThat(producer.errorNext(new TimeoutException("no broker"))).isTrue();
        assertThatThrownBy(() -> refused.get(BOUND_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(BrokerUnavailableException.class);

        CompletableFuture<LogPosition> next = publishOnAnEventLoop(publisher);
        awaitSends(producer, 2);
        assertThat(producer.completeNext()).isTrue();
        next.get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(producer.onEventLoop).containsExactly(false, false);
    }

    @Test
    void withThreeQuartersOfTheProducersBufferTaken_sendRunsOnAWorker_thoughTheBrokerAcknowledges() throws Exception {
        ThreadNotingProducer producer = new ThreadNotingProducer(true, 6L << 20);
        EventPublisher publisher = new EventPublisher(producer, config, metrics, tracing);

        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);
        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(producer.onEventLoop).containsExactly(false, false);
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void kafkasOwnProducer_onceTheBrokerAcknowledged_isTakenNotToWait_soItsGaugesAreTheOnesRead() throws Exception {
        EventPublisher publisher = new EventPublisher(kafkasProducer, config, metrics, tracing);
        assertThat(publisher.sendMayWait()).isTrue();

        publishOnAnEventLoop(publisher).get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(publisher.sendMayWait()).isFalse();
    }

    private static void awaitSends(ThreadNotingProducer producer, int sends) {
        await().atMost(Duration.ofSeconds(BOUND_SECONDS)).until(() -> producer.onEventLoop.size() >= sends);
    }
}
