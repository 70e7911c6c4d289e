package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.ingest.config.IngestConfig;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a batch in one Kafka transaction: a read-committed consumer sees all of it or
 * none, also when the broker fails midway (the transaction is aborted, or times out on the
 * broker). Up to {@code bilateral.publish.batch-producers} batches commit at once, each on a
 * transactional producer of its own ({@link TransactionalProducers}); the rest wait for one.
 */
@ApplicationScoped
public class BatchPublisher {

    private static final Logger LOG = Logger.getLogger(BatchPublisher.class);

    private final IngestConfig config;
    private final PublishMetrics metrics;
    private final PublishTracing tracing;
    private final TransactionalProducers producers;

    BatchPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config, PublishMetrics metrics,
                   PublishTracing tracing) {
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
        // Opens no connection yet: a slot's producer is made when a batch first needs it.
        this.producers = new TransactionalProducers(config.publish().transactionalId(), config.publish().batchProducers(),
                id -> open(servers, config, id));
    }

    /** Publishes every event of the spool, committed together; returns the last offset per partition. */
    public List<LogPosition> publish(BatchSpool spool) {
        long start = System.nanoTime();
        boolean committed = false;
        Span span = tracing.start(spool.size());
        Throwable failure = null;
        TransactionalProducers.Slot slot = null;
        try {
            // A batch waits for a free producer at most as long as its transaction may take.
            slot = producers.take(config.publish().batchTimeout());
            KafkaProducer<String, byte[]> p = slot.producer;
            try {
                p.beginTransaction();
                // One callback for every record: it keeps the first failure (the producer reports
                // most through it, not by throwing) and the last offset per partition. Holding a
                // future per record instead cost about 56 bytes an event until the commit.
                Acknowledged acked = new Acknowledged();
                long deadline = System.nanoTime() + config.publish().batchTimeout().toNanos();
                spool.forEach(Topics.EVENTS, record -> {
                    Exception failed = acked.failure.get();
                    if (failed != null) {
                        throw new IllegalStateException("a record of the batch failed: " + failed.getMessage(), failed);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the batch took longer than " + config.publish().batchTimeout());
                    }
                    tracing.inject(span, record.headers());
                    p.send(record, acked);
                });
                // The commit flushes first, and a flush returns once every record's callback has run
                // (a batch's callbacks run before its requests count as done); a record that failed
                // fails the commit.
                commit(p, deadline);
                committed = true;
                return acked.positions();
            } catch (CommitOutcomeUnknown e) {
                // Kafka forbids aborting after a commit timed out: the commit may still complete.
                producers.discard(slot);
                slot = null;
                throw new BrokerUnavailableException("the batch's commit was not confirmed in time; it may or may not be in "
                        + "the log (retrying it is safe when its events carry eventIds: they are applied once)", e);
            } catch (Exception e) {
                if (!abandon(p, e)) {
                    producers.discard(slot);
                    slot = null;
                }
                throw new BrokerUnavailableException("the batch was not committed to the log: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            if (slot != null) {
                producers.give(slot);
            }
            metrics.batch(start, spool.size(), committed);
            PublishTracing.end(span, failure);
        }
    }

    /** What the broker acknowledged of a batch: its first failure, and the last offset of each partition. */
    private static final class Acknowledged implements Callback {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Map<Integer, Long> last = new ConcurrentHashMap<>();

        @Override
        public void onCompletion(RecordMetadata meta, Exception error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else {
                last.merge(meta.partition(), meta.offset(), Math::max);
            }
        }

        List<LogPosition> positions() {
            return new TreeMap<>(last).entrySet().stream().map(e -> new LogPosition(e.getKey(), e.getValue())).toList();
        }
    }

    /** A commit that timed out may be retried (never aborted) until the batch's deadline. */
    private static void commit(KafkaProducer<String, byte[]> p, long deadline) {
        while (true) {
            try {
                p.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new CommitOutcomeUnknown(e);
                }
            }
        }
    }

    private static final class CommitOutcomeUnknown extends RuntimeException {
        CommitOutcomeUnknown(Throwable cause) {
            super(cause);
        }
    }

    /** A batch producer for this {@code transactional.id}, its transactions initialised. */
    static KafkaProducer<String, byte[]> open(String servers, IngestConfig config, String transactionalId) {
        Map<String, Object> settings = KafkaProducerFactory.settings(servers, config.publish().timeout(), 5, config.publish().compression());
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.publish().batchTimeout().toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "event-service-batch-" + transactionalId);
        // A batch is throughput, not latency: fuller requests.
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // The producers share what one had (Kafka's default, 32 MB, held in the heap): more
        // would not fit event-service's; a full buffer makes send() wait for acknowledgements.
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(4L << 20, (32L << 20) / config.publish().batchProducers()));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.publish().batchTimeout().toMillis());
        // A full send buffer or a slow commit may wait as long as the batch may take, not a single POST's bound.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.publish().batchTimeout().toMillis());
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        try {
            // Fences an earlier run with the same transactional.id and aborts what it left open.
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        return created;
    }

    /**
     * After a failure the producer may be unusable: abort if possible. False when the abort
     * failed too, and the producer is to be replaced.
     */
    private static boolean abandon(KafkaProducer<String, byte[]> p, Exception cause) {
        LOG.warnf("batch transaction failed: %s", cause.toString());
        try {
            p.abortTransaction();
            return true;
        } catch (RuntimeException abortFailed) {
            LOG.debugf("abort failed too (%s); the producer is replaced", abortFailed.toString());
            return false;
        }
    }

    @PreDestroy
    void close() {
        producers.close();
    }
}
