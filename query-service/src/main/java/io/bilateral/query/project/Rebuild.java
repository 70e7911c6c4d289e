package io.bilateral.query.project;

import io.bilateral.events.envelope.Topics;
import io.bilateral.query.config.DatabaseOptions;
import io.bilateral.query.config.ProjectionConfig;
import io.bilateral.query.config.SearchConfig;
import io.bilateral.query.readmodel.search.SearchIndexer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds every read model from the whole log without downtime. The current tables keep
 * serving while the log is replayed into the same tables, freshly migrated, in schema
 * {@code rebuild}; once the replay has reached the end of the log and the live projection's
 * offsets, one transaction (holding off the live projection) renames {@code public} away and
 * {@code rebuild} to {@code public}. Each query sees the old tables or the new ones, never an
 * empty or half-built one (a reader that runs several queries outside one transaction may
 * straddle the swap). The old schema is then dropped. Operators' retries and skips wait until
 * the rebuild is over (409), since the swap would undo them.
 *
 * <p>The replay keeps its offsets in its own schema with the rows, like the live projection:
 * a rebuild stopped by a crash or a shutdown resumes where it was when any instance starts
 * (one at a time: the instance doing it holds an advisory lock). Events an operator skipped
 * stay skipped in the rebuilt tables.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);
    static final String SCHEMA = "rebuild";
    /** Advisory lock held by the instance that runs the rebuild ("BILR"). */
    private static final int OWNER_LOCK = 0x42494C52;

    public enum State { IDLE, MIGRATING, REPLAYING, SWAPPING, DONE, FAILED, RUNNING_ELSEWHERE }

    /** What the rebuild is doing, for operators. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RebuildStatus")
    public record Status(State state, Instant startedAt, Instant finishedAt, Map<Integer, Long> resumedFrom,
                         Map<Integer, Long> position, long recordsReplayed, String error) {
    }

    private final Projector live;
    private final Pool pool;
    private final Flyway flyway;
    private final SearchConfig search;
    private final ProjectionConfig config;
    private final io.vertx.core.Vertx vertx;
    private final String servers;
    private final DatabaseOptions database;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Status status = new Status(State.IDLE, null, null, Map.of(), Map.of(), 0, null);

    Rebuild(Projector live, Pool pool, Flyway flyway, ProjectionConfig config, SearchConfig search, io.vertx.core.Vertx vertx,
            @ConfigProperty(name = "kafka.bootstrap.servers") String servers, DatabaseOptions database) {
        this.search = search;
        this.live = live;
        this.pool = pool;
        this.flyway = flyway;
        this.config = config;
        this.vertx = vertx;
        this.servers = servers;
        this.database = database;
    }

    /** Set at shutdown: the start-up check must not start a rebuild after it. */
    private boolean shuttingDown;

    /** A rebuild that a crash or a shutdown interrupted goes on. */
    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        // Asked from a thread of its own: start-up (and readiness) does not wait for the database's answer.
        Thread check = new Thread(() -> {
            try {
                if (schemaExists(SCHEMA)) {
                    synchronized (this) {
                        if (shuttingDown) {
                            return;
                        }
                        LOG.info("an interrupted rebuild of the read models resumes");
                        start();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("cannot check for an interrupted rebuild: %s", Failures.reason(e));
            }
        }, "rebuild-resume");
        check.setDaemon(true);
        check.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        synchronized (this) {
            shuttingDown = true;
        }
        stop();
    }

    public Status status() {
        return status;
    }

    /** True while a rebuild's schema exists (running here, elsewhere, or interrupted). */
    public Uni<Boolean> inProgress() {
        return pool.preparedQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1").execute(Tuple.of(SCHEMA))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Starts a rebuild, or resumes the one in schema {@code rebuild}; no-op while one runs here. */
    public synchronized Status start() {
        if (thread != null && thread.isAlive()) {
            return status;
        }
        running = true;
        status = new Status(State.MIGRATING, Instant.now(), null, Map.of(), Map.of(), 0, null);
        thread = new Thread(this::run, "rebuild");
        thread.start();
        return status;
    }

    /** Stops the replay where it is; the schema and its offsets stay for the next start. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        SqlConnection owner = null;
        Pool target = null;
        try {
            owner = pool.getConnection().await().atMost(Duration.ofSeconds(30));
            boolean mine = owner.preparedQuery("SELECT pg_try_advisory_lock($1, 0) AS mine").execute(Tuple.of(OWNER_LOCK))
                    .await().atMost(Duration.ofSeconds(30)).iterator().next().getBoolean("mine");
            if (!mine) {
                status = with(State.RUNNING_ELSEWHERE, null);
                owner.close().await().atMost(Duration.ofSeconds(30));
                owner = null;
                return;
            }
            Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                    .schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true).load().migrate();
            // An operator's skip is a decision about the event, not about the tables: it holds.
            pool.query("""
                    INSERT INTO rebuild.parked_events SELECT * FROM public.parked_events WHERE status = 'skipped'
                    ON CONFLICT DO NOTHING""").execute().await().atMost(Duration.ofSeconds(30));
            target = rebuildPool();
            replay(live.on(target), target);
        } catch (RuntimeException e) {
            LOG.error("rebuild failed", e);
            status = with(State.FAILED, Failures.reason(e));
        } finally {
            if (target != null) {
                target.close().await().indefinitely();
            }
            if (owner != null) {
                // The connection goes back to the pool, not away: the session lock must be let go.
                SqlConnection c = owner;
                owner.preparedQuery("SELECT pg_advisory_unlock($1, 0)").execute(Tuple.of(OWNER_LOCK))
                        .onFailure().recoverWithNull().chain(() -> c.close()).await().atMost(Duration.ofSeconds(30));
            }
        }
    }

    private void replay(Projector target, Pool tables) {
        Map<Integer, Long> from = target.storedOffsets().await().atMost(Duration.ofSeconds(30));
        status = new Status(State.REPLAYING, status.startedAt(), null, from, from, 0, null);
        LOG.infof("rebuilding the read models from the log, from offsets %s", from);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.rebuildMaxPollRecords(),
                ConsumerConfig.CLIENT_ID_CONFIG, "query-service-rebuild"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long next = from.get(tp.partition());
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, next);
                }
            }
            BatchApplier applier = new BatchApplier(target, config, new Replay());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                int count = records.count();
                if (count > 0) {
                    BatchApplier.Poll poll = BatchApplier.read(records, consumer);
                    // Not held through the transactions (see BatchApplier.read).
                    records = null;
                    applier.apply(poll);
                    // The rebuilt search index follows the replay, so that the swap need not index anything.
                    SearchIndexer.catchUp(tables, search.page()).await().atMost(Duration.ofMinutes(5));
                }
                Map<Integer, Long> position = new TreeMap<>();
                partitions.forEach(tp -> position.put(tp.partition(), consumer.position(tp)));
                status = new Status(status.state(), status.startedAt(), null, from, position,
                        status.recordsReplayed() + count, null);
                if (count == 0 && atEnd(consumer, partitions) && swap(position)) {
                    status = new Status(State.DONE, status.startedAt(), Instant.now(), from, position, status.recordsReplayed(), null);
                    LOG.infof("read models rebuilt from %d records and swapped in", status.recordsReplayed());
                    return;
                }
            }
        }
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    /** Puts the rebuilt tables in place ({@link RebuildSwap}); false while the replay is behind the live projection. */
    private boolean swap(Map<Integer, Long> position) {
        status = with(State.SWAPPING, null);
        if (new RebuildSwap(pool).swap(position)) {
            return true;
        }
        status = with(State.REPLAYING, null);
        return false;
    }

    private Pool rebuildPool() {
        PgConnectOptions options = database.connectOptions();
        options.addProperty("search_path", SCHEMA);
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build());
    }

    private boolean schemaExists(String name) {
        return pool.preparedQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(10)).iterator().hasNext();
    }

    private Status with(State state, String error) {
        Status s = status;
        return new Status(state, s.startedAt(), state == State.FAILED || state == State.RUNNING_ELSEWHERE ? Instant.now() : null,
                s.resumedFrom(), s.position(), s.recordsReplayed(), error);
    }

    /** The replay as the failure policy's host: no group to stay in, so waiting is sleeping. */
    private final class Replay implements BatchApplier.Host {
        @Override
        public boolean running() {
            return running;
        }

        @Override
        public boolean owns(int partition) {
            return true;
        }

        @Override
        public void waitBeforeRetry(Duration backoff) {
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        @Override
        public void applied(List<LogRecord> records) {
        }

        @Override
        public void failed(String reason) {
            status = with(status.state(), reason);
        }

        @Override
        public void parked(LogRecord record) {
        }
    }
}
