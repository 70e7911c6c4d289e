package io.bilateral.query.project;

import io.bilateral.query.config.ProjectionConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import io.bilateral.events.envelope.TraceHeaders;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection's failure policy, for the live projection and for a rebuild alike. A batch
 * that fails because of the database or the network is retried from the same offsets, with
 * a backoff that doubles up to a limit, for as long as it takes: nothing later is applied
 * before it, and nothing is parked for it. A batch that fails for any other reason is retried
 * a few times, then applied record by record so that the one that fails is parked (see
 * {@link ParkingLot}) while every other dyad goes on.
 */
final class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);
    private static final Duration STATEMENT_LIMIT = Duration.ofSeconds(60);

    /** What the caller's consumer provides: its liveness, its partitions, its way of waiting. */
    interface Host {
        boolean running();

        /** False once the partition was revoked from this consumer: its records are then dropped. */
        boolean owns(int partition);

        /** Waits before a retry, in whatever way keeps the consumer alive. */
        void waitBeforeRetry(Duration backoff);

        void applied(List<LogRecord> records);

        void failed(String reason);

        void parked(LogRecord record);
    }

    private final Projector projector;
    private final ProjectionConfig config;
    private final Host host;

    BatchApplier(Projector projector, ProjectionConfig config, Host host) {
        this.projector = projector;
        this.config = config;
        this.host = host;
    }

    /** A poll's records as the projection reads them, and the consumer's positions after it. */
    record Poll(List<LogRecord> records, Map<Integer, Long> positions) {
    }

    /**
     * Reads what a poll returned. The positions are the consumer's after the poll (past any commit
     * markers after the records), stored at least as the next offsets. The caller drops the
     * Kafka records before applying: each holds its record's decompressed bytes through its
     * headers, and a poll's worth (2,000 records) kept through the transactions was promoted to
     * the old generation at every young collection, filling it (BENCHMARKS.md, "Levers tried:
     * 2026-12-03, 13:57–15:30").
     */
    static Poll read(ConsumerRecords<String, byte[]> records, Consumer<String, byte[]> consumer) {
        List<LogRecord> batch = new ArrayList<>(records.count());
        records.forEach(r -> batch.add(LogRecord.read(r)));
        Map<Integer, Long> positions = new HashMap<>();
        records.partitions().forEach(tp -> positions.put(tp.partition(), consumer.position(tp)));
        return new Poll(batch, positions);
    }

    void apply(Poll poll) {
        apply(poll.records(), poll.positions());
    }

    /** Applies the batch (stopping early only when the host stops running). */
    void apply(List<LogRecord> batch, Map<Integer, Long> positions) {
        int attempts = 0;
        Duration backoff = config.retryBackoff();
        while (host.running()) {
            List<LogRecord> mine = batch.stream().filter(r -> host.owns(r.position().partition())).toList();
            if (mine.isEmpty()) {
                // Every partition went to another instance: nothing failed here any more.
                host.applied(mine);
                return;
            }
            try {
                projector.apply(mine, positions).await().atMost(STATEMENT_LIMIT);
                host.applied(mine);
                return;
            } catch (RuntimeException e) {
                String reason = Failures.reason(e);
                host.failed(reason);
                if (!Failures.isTransient(e) && ++attempts >= config.poisonAttempts()) {
                    LOG.warnf("batch of %d events failed %d times (%s); applying them one by one to find the poison",
                            mine.size(), attempts, reason);
                    applyOneByOne(mine);
                    return;
                }
                LOG.warnf("batch of %d events not applied (%s); retrying in %s", mine.size(), reason, backoff);
                host.waitBeforeRetry(backoff);
                backoff = longer(backoff);
            }
        }
    }

    /** The slow path: each record in its own transaction; the one that fails is parked. */
    private void applyOneByOne(List<LogRecord> batch) {
        for (LogRecord r : batch) {
            // Every line about this event says which it is (JSON logs carry the MDC).
            MDC.put("dyad", r.dyad());
            MDC.put("position", r.position().toString());
            if (r.event() != null) {
                MDC.put("eventId", r.event().metadata().eventId().toString());
            }
            // The trace it was published in (the same key OpenTelemetry's own log lines use).
            String traceId = TraceHeaders.traceId(r.trace().get("traceparent"));
            if (traceId != null) {
                MDC.put("traceId", traceId);
            }
            try {
                applyOne(r);
            } finally {
                MDC.remove("dyad");
                MDC.remove("position");
                MDC.remove("eventId");
                MDC.remove("traceId");
            }
        }
    }

    private void applyOne(LogRecord r) {
        Duration backoff = config.retryBackoff();
        while (host.running() && host.owns(r.position().partition())) {
            try {
                try {
                    projector.apply(List.of(r)).await().atMost(STATEMENT_LIMIT);
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        throw e;
                    }
                    LOG.errorf(e, "parking the event at %s of dyad %s: %s", r.position(), r.dyad(), Failures.reason(e));
                    projector.park(r, e).await().atMost(STATEMENT_LIMIT);
                    host.parked(r);
                }
                host.applied(List.of(r));
                break;
            } catch (RuntimeException e) {
                String reason = Failures.reason(e);
                host.failed(reason);
                LOG.warnf("event at %s not applied (%s); retrying in %s", r.position(), reason, backoff);
                host.waitBeforeRetry(backoff);
                backoff = longer(backoff);
            }
        }
    }

    Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : doubled;
    }
}
