package io.bilateral.query.project;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.Topics;
import io.bilateral.query.config.ProjectionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the events topic and hands each poll's records to the {@link Projector} as one batch.
 * The positions that count live in PostgreSQL: on every partition assignment the consumer
 * seeks to the stored next offsets (or the beginning), so a restart or a rebalance resumes
 * exactly where the committed read models end. Reads only committed records, so an aborted
 * batch of event-service is never projected.
 *
 * <p>A batch whose transaction fails (say, the database is down) is retried from the same
 * offsets after a pause; nothing later is applied before it.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    private final Projector projector;
    private final ProjectionConfig config;
    private final String servers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String lastError;

    ProjectionConsumer(Projector projector, ProjectionConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        this.projector = projector;
        this.config = config;
        this.servers = servers;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            LOG.info("projection disabled (bilateral.projection.enabled=false)");
            return;
        }
        running = true;
        consumer = new KafkaConsumer<>(settings(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "projection");
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Null while healthy; otherwise why the last batch failed. */
    public String lastError() {
        return lastError;
    }

    public boolean isEnabled() {
        return config.enabled();
    }

    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        s.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        s.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        s.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        s.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        s.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-projection");
        return s;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.EVENTS), new SeekToStoredOffsets());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    project(records);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.error("projection stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void project(ConsumerRecords<String, byte[]> records) {
        List<Projector.Positioned> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                batch.add(new Projector.Positioned(CloudEventsKafka.fromRecord(r), CloudEventsKafka.position(r)));
            } catch (RuntimeException unreadable) {
                // Only event-service writes this topic, after validation; a record that still
                // cannot be read is logged with its position and passed over.
                LOG.errorf(unreadable, "skipping unreadable record at %s-%d@%d", r.topic(), r.partition(), r.offset());
            }
        }
        while (running) {
            try {
                projector.apply(batch).await().atMost(Duration.ofSeconds(60));
                lastError = null;
                commitForMonitoring(records);
                return;
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                LOG.warnf("batch of %d events not applied (%s); retrying in %s", records.count(), e.getMessage(), config.retryBackoff());
                sleep(config.retryBackoff());
            }
        }
    }

    /** Kafka's own group offsets are only for tools such as kafka-consumer-groups (lag). */
    private void commitForMonitoring(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> part = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        consumer.commitAsync(offsets, null);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The database may be down during a rebalance: wait for it (the partitions cannot start elsewhere). */
    private Map<Integer, Long> storedOffsets() {
        while (true) {
            try {
                return projector.storedOffsets().await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                lastError = "cannot read the stored offsets: " + e.getMessage();
                LOG.warnf("%s; retrying in %s", lastError, config.retryBackoff());
                if (!running) {
                    throw e;
                }
                sleep(config.retryBackoff());
            }
        }
    }

    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, Long> stored = storedOffsets();
            for (TopicPartition tp : partitions) {
                Long next = stored.get(tp.partition());
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, next);
                }
            }
            LOG.infof("projecting partitions %s from stored offsets %s", partitions, stored);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to flush: every applied batch is already committed with its offsets.
        }
    }
}
