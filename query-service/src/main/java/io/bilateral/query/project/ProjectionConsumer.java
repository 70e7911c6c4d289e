package io.bilateral.query.project;

import io.bilateral.events.envelope.Topics;
import io.bilateral.query.config.ProjectionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the events topic and hands each poll's records to the {@link Projector} as one batch.
 * The positions that count live in PostgreSQL: on every partition assignment the consumer
 * seeks to the stored next offsets (or the beginning), so a restart or a rebalance resumes
 * exactly where the committed read models end. Reads only committed records, so an aborted
 * batch of event-service is never projected.
 *
 * <p>A batch that fails is handled by the {@link BatchApplier}'s policy: retried while the
 * database or the network is down, its poison event parked otherwise.
 *
 * <p>While it waits, the consumer keeps polling with its partitions paused, so it stays in
 * its group; partitions revoked meanwhile are dropped from the batch (their new owner
 * resumes them from the stored offsets).
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    /** What the projection thread is doing, for the status and readiness. */
    public enum State { STARTING, RUNNING, PAUSED, RETRYING, STOPPED, DISABLED }

    private final Projector projector;
    private final ProjectionConfig config;
    private final String servers;
    private final MeterRegistry metrics;
    private final BatchApplier applier;
    private final Counter appliedCount;
    private final Counter failures;
    private final Counter parked;
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean pauseRequested;
    private volatile boolean waiting;
    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile Set<Integer> assigned = Set.of();
    /** Applied positions not yet written to Kafka's group offsets; the projection thread's only. */
    private final Map<TopicPartition, OffsetAndMetadata> forMonitoring = new HashMap<>();
    private long lastMonitoringCommit;

    ProjectionConsumer(Projector projector, ProjectionConfig config, MeterRegistry metrics,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        this.projector = projector;
        this.config = config;
        this.servers = servers;
        this.metrics = metrics;
        this.applier = new BatchApplier(projector, config, new Live());
        this.appliedCount = Counter.builder("bilateral.projection.records").description("Records of the log projected (applied, duplicate or parked)")
                .register(metrics);
        this.failures = Counter.builder("bilateral.projection.failures").description("Failed attempts at a batch or an event (each is retried)")
                .register(metrics);
        this.parked = Counter.builder("bilateral.projection.poison").description("Events parked as poison")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            state = State.DISABLED;
            LOG.info("projection disabled (bilateral.projection.enabled=false)");
            return;
        }
        running = true;
        // The consumer is made on the projection's thread: serving waits for nothing of it.
        thread = new Thread(this::run, "projection");
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        // The registry may outlive this bean (Quarkus restarts the application in tests).
        List.of(appliedCount, failures, parked).forEach(metrics::remove);
        synchronized (this) {
            // (With the consumer's making: a consumer made after this would miss the wake-up.)
            running = false;
            if (consumer != null) {
                consumer.wakeup();
            }
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

    public State state() {
        return isEnabled() && !isRunning() && state != State.STARTING ? State.STOPPED : state;
    }

    /** The partitions this instance projects now. */
    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    /**
     * Stops applying (the consumer stays in its group, holding its partitions) until
     * {@link #resume()}. Returns once the batch in hand, if any, is committed and nothing more
     * will be applied, or after {@code wait} if that takes longer (say, a batch is being retried).
     */
    public boolean pause(Duration wait) {
        pauseRequested = true;
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (isRunning() && state != State.PAUSED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return state == State.PAUSED;
    }

    public void resume() {
        pauseRequested = false;
        // So that a pause right after this one waits for the thread again.
        if (state == State.PAUSED) {
            state = State.RUNNING;
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        s.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        s.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        s.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A poll drains one partition's fetched records before the next partition's: so that a
        // poll holds several partitions for the concurrent transactions, a partition's fetch is
        // about one transaction's worth, and a poll as many of those as there are transactions.
        // The fetch is counted in the log's bytes, compressed (lz4), far fewer than an event's
        // 700 B: at 1 KiB an event, a catch-up's transactions held 1,300 events on average (a
        // poll often one partition's 2,000, in one transaction); at 256 B, 620, and the
        // catch-up went 5-7 % faster (BENCHMARKS.md, 2026-12-04 23:17).
        s.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords() * config.concurrency());
        s.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxPollRecords() * 256);
        s.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-projection");
        s.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        s.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.sessionTimeout().toMillis() / 3);
        return s;
    }

    private void run() {
        synchronized (this) {
            if (!running) {
                state = State.STOPPED;
                return;
            }
            consumer = new KafkaConsumer<>(settings(), new StringDeserializer(), new ByteArrayDeserializer());
        }
        try {
            consumer.subscribe(List.of(Topics.EVENTS), new SeekToStoredOffsets());
            while (running) {
                if (pauseRequested) {
                    state = State.PAUSED;
                    waitPolling(Duration.ofMillis(200));
                    continue;
                }
                state = State.RUNNING;
                if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    // Quiet: what the last batches applied reaches the tools now.
                    commitForMonitoring(List.of(), true);
                } else {
                    // Only partitions revoked while this poll's records are applied drop out of them.
                    revoked.clear();
                    BatchApplier.Poll poll = BatchApplier.read(records, consumer);
                    // Not held through the transactions: this frame is entered once, and until its loop is
                    // compiled (late, if ever) the interpreter keeps every local alive.
                    records = null;
                    applier.apply(poll);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.error("projection stopped", e);
        } finally {
            state = State.STOPPED;
            try {
                if (!forMonitoring.isEmpty()) {
                    consumer.commitSync(forMonitoring, Duration.ofSeconds(2));
                }
            } catch (RuntimeException e) {
                LOG.debugf("group offsets for tools not written at stop (%s)", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The live consumer as the failure policy's host. */
    private final class Live implements BatchApplier.Host {
        @Override
        public boolean running() {
            return running;
        }

        @Override
        public boolean owns(int partition) {
            return !revoked.contains(new TopicPartition(Topics.EVENTS, partition));
        }

        @Override
        public void waitBeforeRetry(Duration backoff) {
            state = State.RETRYING;
            waitPolling(backoff);
            state = State.RUNNING;
        }

        @Override
        public void applied(List<LogRecord> records) {
            appliedCount.increment(records.size());
            lastError = null;
            commitForMonitoring(records, false);
        }

        @Override
        public void failed(String reason) {
            failures.increment();
            lastError = reason;
        }

        @Override
        public void parked(LogRecord record) {
            parked.increment();
        }
    }

    /**
     * Waits while polling with every partition paused, so the group does not think this
     * instance dead and rebalances still reach it. Records returned anyway (a partition
     * assigned meanwhile) are put back by seeking to the first of them.
     */
    private void waitPolling(Duration wait) {
        waiting = true;
        try {
            consumer.pause(consumer.assignment());
            long deadline = System.nanoTime() + wait.toNanos();
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                ConsumerRecords<String, byte[]> unexpected = consumer.poll(Duration.ofNanos(Math.min(left, 200_000_000L)));
                for (TopicPartition tp : unexpected.partitions()) {
                    consumer.seek(tp, unexpected.records(tp).get(0).offset());
                }
                consumer.pause(consumer.assignment());
            }
        } finally {
            waiting = false;
            if (!pauseRequested) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    /**
     * Kafka's own group offsets are only for tools such as kafka-consumer-groups (lag): the
     * positions that count are committed with the read models. So they are written once per
     * {@link ProjectionConfig#groupOffsetsInterval()} at most, and when the log goes quiet,
     * rather than after every batch.
     */
    private void commitForMonitoring(List<LogRecord> applied, boolean quiet) {
        for (LogRecord r : applied) {
            forMonitoring.merge(new TopicPartition(Topics.EVENTS, r.position().partition()),
                    new OffsetAndMetadata(r.position().offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        long now = System.nanoTime();
        if (forMonitoring.isEmpty() || !quiet && now - lastMonitoringCommit < config.groupOffsetsInterval().toNanos()) {
            return;
        }
        consumer.commitAsync(new HashMap<>(forMonitoring), null);
        forMonitoring.clear();
        lastMonitoringCommit = now;
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
        Duration backoff = config.retryBackoff();
        while (true) {
            try {
                Map<Integer, Long> stored = projector.storedOffsets().await().atMost(Duration.ofSeconds(30));
                lastError = null;
                return stored;
            } catch (RuntimeException e) {
                lastError = "cannot read the stored offsets: " + Failures.reason(e);
                LOG.warnf("%s; retrying in %s", lastError, backoff);
                if (!running) {
                    throw e;
                }
                sleep(backoff);
                backoff = applier.longer(backoff);
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
                revoked.remove(tp);
            }
            if (waiting || pauseRequested) {
                consumer.pause(partitions);
            }
            assigned = currentAssignment();
            LOG.infof("projecting partitions %s from stored offsets %s", partitions, stored);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Every applied batch is already committed with its offsets; a batch still being
            // retried drops these partitions, which their new owner resumes from PostgreSQL.
            revoked.addAll(partitions);
            // Their group offsets are the new owner's to write now.
            forMonitoring.keySet().removeAll(partitions);
            assigned = currentAssignment();
        }

        private Set<Integer> currentAssignment() {
            Set<Integer> now = new java.util.TreeSet<>();
            consumer.assignment().forEach(tp -> now.add(tp.partition()));
            now.removeAll(revoked.stream().map(TopicPartition::partition).toList());
            return java.util.Collections.unmodifiableSet(now);
        }
    }
}
