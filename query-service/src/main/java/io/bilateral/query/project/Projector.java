package io.bilateral.query.project;

import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.query.config.ProjectionConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a batch of records from the log to every read model, and records how far each
 * partition got, in one database transaction: after a crash, the stored offsets and the read
 * models agree, so nothing is applied twice or skipped. An event id already in the
 * {@code events} table for its dyad is skipped, so a re-published event (a client's retry)
 * has no effect.
 *
 * <p>A record of a parked dyad is held behind that dyad's poison event (see {@link ParkingLot})
 * instead of being applied, so each dyad's events reach the read models in log order.
 *
 * <p>Every transaction here first takes a PostgreSQL advisory lock per partition it touches:
 * the projection of another instance (during a rebalance) and an operator's retry of a parked
 * dyad then take turns on a partition instead of interleaving.
 *
 * <p>A large batch's partitions (a catch-up) are applied in transactions of their own, a few at
 * a time: each partition's records stay in log order, and partitions never shared an order (the
 * log has none across them). A small batch (the live flow: a few events on each partition) is
 * one transaction: split, each partition's would take its locks, read and store its offsets
 * and take stream numbers for a handful of events. So that concurrent transactions do not
 * wait for each other, an event's row in {@code events} is inserted last (by the
 * {@link NewEventsApplier}): whether it is new is read first (the partition's lock keeps its
 * dyads' rows from changing meanwhile), then the read models apply the new ones, then one
 * statement gives the events the stream's next numbers ({@code seq}, see migration V9) and
 * inserts them, under the lock of the {@code stream_head} row, which the transaction keeps
 * until it commits. Numbers become visible in the order they were handed out, so a subscriber
 * reading by number never passes one that commits later; and only that statement and the
 * commit wait for that lock. The commit notifies {@value #COMMITTED_CHANNEL} with the new head.
 */
@ApplicationScoped
public class Projector {

    /** The advisory-lock space of the live projection ("BILA"); the second key is the partition. */
    private static final int LOCK_SPACE = 0x42494C41;

    /** The PostgreSQL channel that hears of each commit that added events, with the last number. */
    public static final String COMMITTED_CHANNEL = "bilateral_events";
    /** What a rebuild's swap says on {@link #COMMITTED_CHANNEL}: the read models changed without new events. */
    public static final String REBUILT = "rebuilt";

    /** Never backwards: an instance that lost its partitions may still commit an old batch. */
    private static final String SAVE_OFFSETS = """
            INSERT INTO projection_offsets (topic, partition, next_offset, updated_at)
            SELECT $1, partition, next_offset, now() FROM unnest($2::int[], $3::bigint[]) AS saved (partition, next_offset)
            ON CONFLICT (topic, partition) DO UPDATE
            SET next_offset = GREATEST(projection_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()""";

    private final Pool pool;
    private final List<ReadModelProjection> readModels;
    private final NewEventsApplier newEvents;
    private final ParkingLot parking;
    private final int lockSpace;
    /** Most partitions of a batch in transactions at once. */
    private final int concurrency;
    /** A batch of fewer records is applied in one transaction, whatever its partitions. */
    private final int splitAt;
    /** The live projection's spans; none for a rebuild's replay, nor with tracing off. */
    private final ProjectionTracing tracing;

    @Inject
    Projector(Pool pool, Instance<ReadModelProjection> readModels, ParkingLot parking, ProjectionConfig config,
              ProjectionTracing tracing) {
        this(pool, readModels.stream().toList(), parking, LOCK_SPACE, true, config.concurrency(), config.maxPollRecords(),
                tracing.on() ? tracing : null);
    }

    private Projector(Pool pool, List<ReadModelProjection> readModels, ParkingLot parking, int lockSpace, boolean notifies,
                      int concurrency, int splitAt, ProjectionTracing tracing) {
        this.pool = pool;
        this.readModels = readModels;
        this.newEvents = new NewEventsApplier(readModels, notifies);
        this.parking = parking;
        this.lockSpace = lockSpace;
        this.concurrency = Math.max(1, concurrency);
        this.splitAt = splitAt;
        this.tracing = tracing;
    }

    /**
     * The same projection into the tables another pool reaches (a rebuild's schema), with
     * locks of its own: it shares no table with the live projection.
     */
    Projector on(Pool other) {
        return new Projector(other, readModels, parking, LOCK_SPACE + 1, false, concurrency, splitAt, null);
    }

    /**
     * Applies the batch; completes once committed. An unreadable record is parked on the spot
     * (no retry can read it); any other failure fails the batch. Each partition's records commit
     * or roll back together; when one partition's fail, the others' may have committed (a large
     * batch's), and a retry of the whole batch skips what they stored (their offsets say so).
     * Returns how many events were new to the read models.
     */
    public Uni<Integer> apply(List<LogRecord> batch) {
        return apply(batch, Map.of());
    }

    /**
     * As {@link #apply(List)}, storing at least {@code positions} as the next offsets: the
     * consumer's positions after the poll, which may be past commit markers that follow the
     * batch's last record (so that a caught-up partition shows no lag).
     */
    public Uni<Integer> apply(List<LogRecord> batch, Map<Integer, Long> positions) {
        Map<Integer, List<LogRecord>> partitions = new TreeMap<>();
        batch.forEach(r -> partitions.computeIfAbsent(r.position().partition(), p -> new ArrayList<>()).add(r));
        if (partitions.size() <= 1 || batch.size() < splitAt) {
            return applyTogether(batch, positions);
        }
        // Every transaction runs to its end, whatever the others do (none is cancelled midway);
        // then the first failure, if any, is the batch's.
        return Multi.createFrom().iterable(partitions.values())
                .onItem().transformToUni(records -> applyTogether(records, positions)
                        .map(applied -> new Outcome(applied, null))
                        .onFailure().recoverWithItem(failure -> new Outcome(0, failure)))
                .merge(concurrency)
                .collect().asList()
                .chain(outcomes -> {
                    for (Outcome o : outcomes) {
                        if (o.failure() != null) {
                            return Uni.createFrom().failure(o.failure());
                        }
                    }
                    return Uni.createFrom().item(outcomes.stream().mapToInt(Outcome::applied).sum());
                });
    }

    /** One partition's transaction: how many events it applied, or why it failed. */
    private record Outcome(int applied, Throwable failure) {
    }

    /** The records (of one partition, or a small batch's), in one transaction; traced once committed. */
    private Uni<Integer> applyTogether(List<LogRecord> batch, Map<Integer, Long> positions) {
        if (tracing == null) {
            return transaction(batch, positions);
        }
        return Uni.createFrom().deferred(() -> {
            Instant start = Instant.now();
            return transaction(batch, positions).invoke(() -> tracing.committed(batch, start));
        });
    }

    private Uni<Integer> transaction(List<LogRecord> batch, Map<Integer, Long> positions) {
        Map<Integer, Long> nextOffsets = nextOffsets(batch);
        positions.forEach((partition, position) -> nextOffsets.computeIfPresent(partition, (p, next) -> Math.max(next, position)));
        List<String> dyads = batch.stream().map(LogRecord::dyad).distinct().toList();
        // The first statements are sent together and run in this order: the locks, the reads, then
        // the new offsets (never read back here). One round trip where there were one per statement
        // and two per partition, most of a live transaction's (BENCHMARKS.md, 2026-12-05).
        return pool.withTransaction(tx -> Uni.combine().all()
                .unis(lock(tx, nextOffsets.keySet()), storedOffsets(tx), parking.skippedAmong(tx, dyads), parking.parkedAmong(tx, dyads),
                        saveOffsets(tx, nextOffsets))
                .asTuple().chain(first -> {
                    Map<Integer, Long> stored = first.getItem2();
                    Set<LogPosition> skipped = first.getItem3();
                    Set<String> parked = first.getItem4();
                    List<LogRecord> toApply = new ArrayList<>();
                    Uni<Void> setAside = Uni.createFrom().voidItem();
                    for (LogRecord r : batch) {
                        // Already committed (a batch read again after a rebalance, or an old
                        // batch of an instance that lost the partition): it was applied,
                        // parked or held then, and must not be held again now.
                        if (r.position().offset() < stored.getOrDefault(r.position().partition(), 0L) || skipped.contains(r.position())) {
                            continue;
                        }
                        if (parked.contains(r.dyad())) {
                            setAside = setAside.call(() -> parking.hold(tx, r));
                        } else if (r.event() == null) {
                            parked.add(r.dyad());
                            setAside = setAside.call(() -> parking.poison(tx, r, "unreadable record: " + r.unreadable(), null));
                        } else {
                            toApply.add(r);
                        }
                    }
                    // What is set aside and what is applied go to different tables: their order does not matter.
                    return setAside.chain(() -> newEvents.apply(tx, toApply));
                }));
    }

    /** Parks a record that failed on its own: its dyad waits for an operator, the others go on. */
    public Uni<Void> park(LogRecord r, Throwable failure) {
        Map<Integer, Long> next = nextOffsets(List.of(r));
        return pool.withTransaction(tx -> lock(tx, next.keySet())
                .chain(() -> parking.poison(tx, r, Failures.reason(failure), Failures.stackTrace(failure)))
                .chain(() -> saveOffsets(tx, next)));
    }

    /** What a retry or a skip of a parked dyad did. */
    public record Drained(String dyad, int applied, int skipped, int stillParked, String reason) {
    }

    /**
     * Applies a parked dyad's events in log order, each in its own transaction, until none is
     * left or one fails again (it stays the poison event; the rest stay held). With
     * {@code skipFirst}, its first parked event is marked skipped instead of applied.
     */
    public Uni<Drained> drain(String dyad, boolean skipFirst) {
        return drainStep(dyad, skipFirst, new Drained(dyad, 0, 0, 0, null));
    }

    private Uni<Drained> drainStep(String dyad, boolean skip, Drained sofar) {
        return pool.withTransaction(tx -> parking.partitionOf(tx, dyad).chain(partition -> {
                    if (partition.isEmpty()) {
                        return Uni.createFrom().item(Optional.<LogRecord>empty());
                    }
                    return lock(tx, List.of(partition.get())).chain(() -> parking.head(tx, dyad)).call(head -> {
                        if (head.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        LogRecord r = head.get();
                        if (skip) {
                            return parking.skip(tx, r.position());
                        }
                        r.eventOrThrow();
                        return parking.release(tx, r.position()).chain(() -> newEvents.apply(tx, List.of(r)));
                    });
                }))
                .onItem().transformToUni(head -> head.isEmpty()
                        ? Uni.createFrom().item(sofar)
                        : drainStep(dyad, false, skip
                                ? new Drained(dyad, sofar.applied(), sofar.skipped() + 1, 0, null)
                                : new Drained(dyad, sofar.applied() + 1, sofar.skipped(), 0, null)))
                .onFailure(f -> !Failures.isTransient(f)).recoverWithUni(failure -> failedAgain(dyad, sofar, failure));
    }

    private Uni<Drained> failedAgain(String dyad, Drained sofar, Throwable failure) {
        // Another retry of the same dyad may have drained it meanwhile: then there is nothing to mark.
        return pool.withTransaction(tx -> parking.partitionOf(tx, dyad).chain(partition -> partition.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : lock(tx, List.of(partition.get())).chain(() -> parking.head(tx, dyad)).chain(head -> head.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : parking.failedAgain(tx, head.get().position(), Failures.reason(failure), Failures.stackTrace(failure)))))
                .chain(() -> parking.list(pool, dyad, null, Integer.MAX_VALUE))
                .map(parked -> new Drained(dyad, sofar.applied(), sofar.skipped(),
                        (int) parked.stream().filter(p -> !ParkingLot.SKIPPED.equals(p.status())).count(), Failures.reason(failure)));
    }

    /** In ascending order, so that two transactions never wait for each other in a circle. */
    private Uni<Void> lock(SqlConnection tx, java.util.Collection<Integer> partitions) {
        return lock(tx, lockSpace, partitions);
    }

    /** Holds off the live projection (and operators' retries) on these partitions until the transaction ends. */
    static Uni<Void> lockLive(SqlConnection tx, java.util.Collection<Integer> partitions) {
        return lock(tx, LOCK_SPACE, partitions);
    }

    /** One statement: the locks are taken in the array's order (unnest's), one after another. */
    private static Uni<Void> lock(SqlConnection tx, int space, java.util.Collection<Integer> partitions) {
        Integer[] ascending = new java.util.TreeSet<>(partitions).toArray(Integer[]::new);
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1, partition) FROM unnest($2::int[]) AS locked (partition)")
                .execute(Tuple.of(space, ascending)).replaceWithVoid();
    }

    private static Map<Integer, Long> nextOffsets(List<LogRecord> batch) {
        Map<Integer, Long> next = new TreeMap<>();
        batch.forEach(r -> next.merge(r.position().partition(), r.position().offset() + 1, Math::max));
        return next;
    }

    private static Uni<Void> saveOffsets(SqlConnection tx, Map<Integer, Long> nextOffsets) {
        return tx.preparedQuery(SAVE_OFFSETS).execute(Tuple.of(Topics.EVENTS, nextOffsets.keySet().toArray(Integer[]::new),
                nextOffsets.values().toArray(Long[]::new))).replaceWithVoid();
    }

    /** Where each partition of the events topic resumes: the stored next offsets. */
    public Uni<Map<Integer, Long>> storedOffsets() {
        return storedOffsets(pool);
    }

    private static Uni<Map<Integer, Long>> storedOffsets(io.vertx.mutiny.sqlclient.SqlClient client) {
        return client.preparedQuery("SELECT partition, next_offset FROM projection_offsets WHERE topic = $1")
                .execute(Tuple.of(Topics.EVENTS))
                .map(rows -> {
                    Map<Integer, Long> offsets = new TreeMap<>();
                    rows.forEach(r -> offsets.put(r.getInteger("partition"), r.getLong("next_offset")));
                    return offsets;
                });
    }
}
