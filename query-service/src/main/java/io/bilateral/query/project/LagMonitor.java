package io.bilateral.query.project;

import io.bilateral.events.envelope.Topics;
import io.bilateral.query.config.ProjectionConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Measures, at a fixed interval, how far the read models are behind the log: per partition,
 * the stored next offset against the log's last stable offset (what a read-committed consumer
 * can reach), and in seconds, the age of the oldest event not yet applied. The last
 * measurement serves the status endpoint, readiness and the Prometheus gauges, so none of
 * them calls the broker on a request.
 *
 * <p>The offsets of a partition written by transactions also count the commit markers, which
 * are not events; a partition whose stored offset is behind the end only by markers is found
 * by reading from the stored offset, and counts as caught up.
 */
@ApplicationScoped
public class LagMonitor {

    private static final Logger LOG = Logger.getLogger(LagMonitor.class);

    /** One partition of the log, as measured. */
    public record PartitionLag(int partition, long committedOffset, long logEndOffset, long lagEvents,
                               double lagSeconds, long poison, long held, boolean projectedHere) {
    }

    /**
     * The last measurement; {@code error} says why it may be old. {@code searchLagEvents}: the
     * stream numbers handed out that the search index has not covered yet (see SearchIndexer).
     */
    public record Measurement(Instant measuredAt, List<PartitionLag> partitions, long searchLagEvents, String error) {

        public long lagEvents() {
            return partitions.stream().mapToLong(PartitionLag::lagEvents).sum();
        }

        public double lagSeconds() {
            return partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0);
        }

        public long parked() {
            return partitions.stream().mapToLong(p -> p.poison() + p.held()).sum();
        }
    }

    /** The log could not be read from {@code since} on, the last time for {@code reason}. */
    public record LogOutage(Instant since, String reason) {
    }

    private final Projector projector;
    private final ParkingLot parking;
    private final Pool pool;
    private final ProjectionConsumer consumer;
    private final ProjectionConfig config;
    private final MeterRegistry metrics;
    private final String servers;
    private final Map<Integer, PartitionLag> gauged = new ConcurrentHashMap<>();
    private final List<io.micrometer.core.instrument.Meter> meters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Measurement last = new Measurement(null, List.of(), 0, "not measured yet");
    private volatile LogOutage logOutage;
    private ScheduledExecutorService timer;
    private volatile Admin admin;
    private volatile KafkaConsumer<byte[], byte[]> reader;

    LagMonitor(Projector projector, ParkingLot parking, Pool pool, ProjectionConsumer consumer, ProjectionConfig config,
               MeterRegistry metrics, @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        this.projector = projector;
        this.parking = parking;
        this.pool = pool;
        this.consumer = consumer;
        this.config = config;
        this.metrics = metrics;
        this.servers = servers;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "projection-lag"));
        // The clients are made on the timer's thread, not the start-up's: making them takes
        // about half a second here, and serving waits for nothing of it.
        timer.execute(() -> {
            admin = Admin.create(Map.of("bootstrap.servers", servers, "default.api.timeout.ms", 5000, "request.timeout.ms", 4000));
            // It reads one record a partition. Fetches of Kafka's default size (1 MiB a partition)
            // allocated 2.1 GB in a catch-up of 300,000 events, a fifth of the service's, and were
            // held from one measurement to the next: promoted, then collected by full collections
            // (BENCHMARKS.md, 2026-12-04 17:50). The broker still sends a first batch larger than this.
            reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024,
                    ConsumerConfig.CLIENT_ID_CONFIG, "query-service-lag"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
        timer.scheduleWithFixedDelay(this::measureQuietly, 0, config.lagInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        // The registry may outlive this bean (Quarkus restarts the application in tests).
        meters.forEach(metrics::remove);
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Each on its own: one failing to close must not leave the other open.
            // (Either may not exist: made on the timer's thread, which may not have got that far.)
            try {
                if (reader != null) {
                    reader.close(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                LOG.debugf("lag reader not closed cleanly: %s", e);
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    /** The last measurement (at most one lag interval old while the broker and database answer). */
    public Measurement last() {
        return last;
    }

    /**
     * Null while the last measurement read the log's end; otherwise since when it could not.
     * The consumer itself cannot tell: its poll returns nothing both when the log has nothing
     * new and when the broker is gone.
     */
    public LogOutage logOutage() {
        return logOutage;
    }

    private void measureQuietly() {
        try {
            last = measure();
        } catch (Throwable e) {
            // Anything escaping would cancel the timer silently and freeze the status for good.
            last = new Measurement(last.measuredAt(), last.partitions(), last.searchLagEvents(), Failures.reason(e));
            if (e instanceof RuntimeException) {
                LOG.debugf("lag not measured: %s", last.error());  // the broker or the database away: the status says so
            } else {
                LOG.errorf(e, "lag not measured: %s", last.error());
            }
        }
    }

    private Measurement measure() {
        Instant now = Instant.now();
        Map<TopicPartition, Long> ends;
        try {
            ends = logEnds();
            logOutage = null;
        } catch (IllegalStateException e) {
            LogOutage ongoing = logOutage;
            logOutage = new LogOutage(ongoing == null ? now : ongoing.since(), e.getMessage());
            throw e;
        }
        Map<Integer, Long> stored = projector.storedOffsets().await().atMost(Duration.ofSeconds(5));
        Map<Integer, long[]> open = parking.openCounts(pool).await().atMost(Duration.ofSeconds(5));
        Map<TopicPartition, Long> behind = new HashMap<>();
        ends.forEach((tp, end) -> {
            long next = stored.getOrDefault(tp.partition(), 0L);
            if (end > next) {
                behind.put(tp, next);
            }
        });
        Map<TopicPartition, Long> oldest = oldestUnapplied(behind, ends);
        Set<Integer> here = consumer.assignedPartitions();
        List<PartitionLag> partitions = new ArrayList<>();
        ends.keySet().stream().sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).forEach(tp -> {
            long next = stored.getOrDefault(tp.partition(), 0L);
            long end = ends.get(tp);
            Long timestamp = oldest.get(tp);
            long lag = timestamp == null ? 0 : Math.max(0, end - next);
            double seconds = timestamp == null ? 0 : Math.max(0, (now.toEpochMilli() - timestamp) / 1000.0);
            long[] parked = open.getOrDefault(tp.partition(), new long[2]);
            partitions.add(new PartitionLag(tp.partition(), next, end, lag, seconds, parked[0], parked[1], here.contains(tp.partition())));
        });
        partitions.forEach(this::gauge);
        long searchLag = pool.query("SELECT h.last_seq - s.last_seq AS behind FROM stream_head h, search_position s").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("behind");
        return new Measurement(now, List.copyOf(partitions), Math.max(0, searchLag), null);
    }

    private Map<TopicPartition, Long> logEnds() {
        try {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(Topics.EVENTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(5, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the log's end offsets: " + Failures.reason(e), e);
        }
    }

    /** The log time of the first event after each stored offset; none where only markers are left. */
    private Map<TopicPartition, Long> oldestUnapplied(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (from.isEmpty()) {
            return found;
        }
        reader.assign(from.keySet());
        from.forEach(reader::seek);
        long deadline = System.currentTimeMillis() + 2_000;
        while (found.size() < from.size() && System.currentTimeMillis() < deadline
                && from.keySet().stream().anyMatch(tp -> !found.containsKey(tp) && reader.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                found.putIfAbsent(tp, r.timestamp());
                reader.pause(List.of(tp));
            }
        }
        reader.resume(reader.assignment());
        // Not reached in time: still behind, age unknown; count it from now rather than hide it.
        from.keySet().stream().filter(tp -> !found.containsKey(tp) && reader.position(tp) < ends.get(tp))
                .forEach(tp -> found.put(tp, System.currentTimeMillis()));
        return found;
    }

    private void gauge(PartitionLag p) {
        if (gauged.put(p.partition(), p) == null) {
            Tags tags = Tags.of("partition", Integer.toString(p.partition()));
            meters.add(Gauge.builder("bilateral.projection.lag.events", gauged, g -> g.get(p.partition()).lagEvents())
                    .description("Events in the log not yet applied to the read models").tags(tags).register(metrics));
            meters.add(Gauge.builder("bilateral.projection.lag.seconds", gauged, g -> g.get(p.partition()).lagSeconds())
                    .description("Age of the oldest event not yet applied").baseUnit("seconds").tags(tags).register(metrics));
            meters.add(Gauge.builder("bilateral.projection.parked.events", gauged, g -> g.get(p.partition()).poison() + g.get(p.partition()).held())
                    .description("Events parked (poison and held behind it)").tags(tags).register(metrics));
            meters.add(Gauge.builder("bilateral.projection.committed.offset", gauged, g -> g.get(p.partition()).committedOffset())
                    .description("Next offset the read models will apply").tags(tags).register(metrics));
        }
    }
}
