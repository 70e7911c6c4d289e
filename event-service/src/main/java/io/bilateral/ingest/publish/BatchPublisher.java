package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.ingest.config.IngestConfig;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes a batch in one Kafka transaction: a read-committed consumer sees all of it or
 * none, also when the broker fails midway (the transaction is aborted, or times out on the
 * broker). One transactional producer per instance; batches take turns.
 */
@ApplicationScoped
public class BatchPublisher {

    private static final Logger LOG = Logger.getLogger(BatchPublisher.class);

    private final String servers;
    private final IngestConfig config;
    private final PublishMetrics metrics;
    private final PublishTracing tracing;
    private final ReentrantLock lock = new ReentrantLock();
    private KafkaProducer<String, byte[]> producer;

    BatchPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config, PublishMetrics metrics,
                   PublishTracing tracing) {
        this.servers = servers;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Publishes every event of the spool, committed together; returns the last offset per partition. */
    public List<LogPosition> publish(BatchSpool spool) {
        lock.lock();
        long start = System.nanoTime();
        boolean committed = false;
        Span span = tracing.start(spool.size());
        Throwable failure = null;
        try {
            KafkaProducer<String, byte[]> p;
            try {
                p = producer();
            } catch (RuntimeException e) {
                throw new BrokerUnavailableException("the broker cannot be reached: " + e.getMessage(), e);
            }
            try {
                p.beginTransaction();
                List<Future<RecordMetadata>> acks = new ArrayList<>(Math.min(spool.size(), 1 << 16));
                // The producer reports most failures through the callback, not by throwing: stop at the first.
                AtomicReference<Exception> failed = new AtomicReference<>();
                long deadline = System.nanoTime() + config.publish().batchTimeout().toNanos();
                spool.forEach(Topics.EVENTS, record -> {
                    if (failed.get() != null) {
                        throw new IllegalStateException("a record of the batch failed: " + failed.get().getMessage(), failed.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the batch took longer than " + config.publish().batchTimeout());
                    }
                    tracing.inject(span, record.headers());
                    acks.add(p.send(record, (meta, error) -> {
                        if (error != null) {
                            failed.compareAndSet(null, error);
                        }
                    }));
                });
                commit(p, deadline);
                Map<Integer, Long> last = new TreeMap<>();
                for (Future<RecordMetadata> ack : acks) {
                    RecordMetadata m = ack.get();
                    last.merge(m.partition(), m.offset(), Math::max);
                }
                committed = true;
                return last.entrySet().stream().map(e -> new LogPosition(e.getKey(), e.getValue())).toList();
            } catch (CommitOutcomeUnknown e) {
                // Kafka forbids aborting after a commit timed out: the commit may still complete.
                p.close(Duration.ZERO);
                producer = null;
                throw new BrokerUnavailableException("the batch's commit was not confirmed in time; it may or may not be in "
                        + "the log (retrying it is safe when its events carry eventIds: they are applied once)", e);
            } catch (Exception e) {
                abandon(p, e);
                throw new BrokerUnavailableException("the batch was not committed to the log: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            lock.unlock();
            metrics.batch(start, spool.size(), committed);
            PublishTracing.end(span, failure);
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

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = KafkaProducerFactory.settings(servers, config.publish().timeout(), 5, config.publish().compression());
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.publish().transactionalId());
            settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.publish().batchTimeout().toMillis());
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "event-service-batch");
            // A batch is throughput, not latency: fuller requests.
            settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
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
            producer = created;
        }
        return producer;
    }

    /** After a failure the producer may be unusable: abort if possible, else start afresh next time. */
    private void abandon(KafkaProducer<String, byte[]> p, Exception cause) {
        LOG.warnf("batch transaction failed: %s", cause.toString());
        try {
            p.abortTransaction();
        } catch (RuntimeException abortFailed) {
            LOG.debugf("abort failed too (%s); the producer is replaced", abortFailed.toString());
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
