package io.bilateral.query.project;

import io.bilateral.events.envelope.LogPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code parked_events} table: a dyad is parked while it has a poison or held event there.
 * Every method runs in the caller's transaction, which holds the partition's lock (see
 * {@link Projector}), so parking, holding and draining never interleave.
 */
@ApplicationScoped
public class ParkingLot {

    static final String POISON = "poison";
    static final String HELD = "held";
    static final String SKIPPED = "skipped";

    private static final String INSERT = """
            INSERT INTO parked_events (log_partition, log_offset, dyad, event_id, type, value, source, status, reason, stack_trace)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (log_partition, log_offset) DO NOTHING""";

    /** A parked event as an operator sees it. */
    public record Parked(int partition, long offset, String dyad, String eventId, String type, String status,
                         String reason, String stackTrace, int attempts, OffsetDateTime parkedAt, OffsetDateTime resolvedAt) {

        static Parked of(Row r) {
            return new Parked(r.getInteger("log_partition"), r.getLong("log_offset"), r.getString("dyad"),
                    r.getString("event_id"), r.getString("type"), r.getString("status"), r.getString("reason"),
                    r.getString("stack_trace"), r.getInteger("attempts"), r.getOffsetDateTime("parked_at"),
                    r.getOffsetDateTime("resolved_at"));
        }

    }

    /** Which of these dyads are parked. */
    Uni<Set<String>> parkedAmong(SqlConnection tx, Collection<String> dyads) {
        return tx.preparedQuery("SELECT DISTINCT dyad FROM parked_events WHERE status <> 'skipped' AND dyad = ANY($1)")
                .execute(Tuple.of(dyads.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> parked = new HashSet<>();
                    rows.forEach(r -> parked.add(r.getString("dyad")));
                    return parked;
                });
    }

    /**
     * Positions of these dyads that an operator skipped: a replay of the log (a rebuild)
     * leaves them out again, as the live projection did.
     */
    Uni<Set<LogPosition>> skippedAmong(SqlConnection tx, Collection<String> dyads) {
        return tx.preparedQuery("SELECT log_partition, log_offset FROM parked_events WHERE status = 'skipped' AND dyad = ANY($1)")
                .execute(Tuple.of(dyads.toArray(String[]::new)))
                .map(rows -> {
                    Set<LogPosition> skipped = new HashSet<>();
                    rows.forEach(r -> skipped.add(new LogPosition(r.getInteger("log_partition"), r.getLong("log_offset"))));
                    return skipped;
                });
    }

    /** Parks a record that could not be applied: its dyad is parked from here on. */
    Uni<Void> poison(SqlConnection tx, LogRecord r, String reason, String stackTrace) {
        return insert(tx, r, POISON, reason, stackTrace);
    }

    /** Holds a record of a parked dyad behind that dyad's poison event. */
    Uni<Void> hold(SqlConnection tx, LogRecord r) {
        return insert(tx, r, HELD, "held behind the poison event of dyad " + r.dyad(), null);
    }

    private Uni<Void> insert(SqlConnection tx, LogRecord r, String status, String reason, String stackTrace) {
        return tx.preparedQuery(INSERT).execute(Sql.tuple(r.position().partition(), r.position().offset(), r.dyad(),
                        r.event() == null ? null : r.event().metadata().eventId().toString(),
                        r.event() == null ? null : r.event().type().wireName(),
                        io.vertx.core.buffer.Buffer.buffer(r.value() == null ? new byte[0] : r.value()), r.source(),
                        status, reason, stackTrace))
                .replaceWithVoid();
    }

    /** The partition that holds a dyad's parked events, if it has any. */
    Uni<Optional<Integer>> partitionOf(SqlConnection c, String dyad) {
        return c.preparedQuery("SELECT log_partition FROM parked_events WHERE dyad = $1 AND status <> 'skipped' LIMIT 1")
                .execute(Tuple.of(dyad))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getInteger("log_partition")) : Optional.empty());
    }

    /** The first parked event of a dyad, with its stored value, locked for the transaction. */
    Uni<Optional<LogRecord>> head(SqlConnection tx, String dyad) {
        return tx.preparedQuery("""
                        SELECT log_partition, log_offset, dyad, value, source FROM parked_events
                        WHERE dyad = $1 AND status <> 'skipped' ORDER BY log_partition, log_offset LIMIT 1 FOR UPDATE""")
                .execute(Tuple.of(dyad))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(LogRecord.read(new LogPosition(r.getInteger("log_partition"), r.getLong("log_offset")),
                            r.getString("dyad"), r.getBuffer("value").getBytes(), r.getString("source")));
                });
    }

    /** Applied at last: no longer parked (the events table has it now). */
    Uni<Void> release(SqlConnection tx, LogPosition p) {
        return tx.preparedQuery("DELETE FROM parked_events WHERE log_partition = $1 AND log_offset = $2")
                .execute(Tuple.of(p.partition(), p.offset())).replaceWithVoid();
    }

    /** Failed again on retry: it becomes (or stays) the dyad's poison event. */
    Uni<Void> failedAgain(SqlConnection tx, LogPosition p, String reason, String stackTrace) {
        return tx.preparedQuery("""
                        UPDATE parked_events SET status = 'poison', reason = $3, stack_trace = $4, attempts = attempts + 1
                        WHERE log_partition = $1 AND log_offset = $2""")
                .execute(Tuple.of(p.partition(), p.offset(), reason, stackTrace)).replaceWithVoid();
    }

    /** Left out of the read models on an operator's word; kept as the record of it. */
    Uni<Void> skip(SqlConnection tx, LogPosition p) {
        return tx.preparedQuery("""
                        UPDATE parked_events SET status = 'skipped', resolved_at = now()
                        WHERE log_partition = $1 AND log_offset = $2""")
                .execute(Tuple.of(p.partition(), p.offset())).replaceWithVoid();
    }

    /** Parked events, oldest first; optionally of one dyad and/or one status. */
    public Uni<java.util.List<Parked>> list(io.vertx.mutiny.sqlclient.Pool pool, String dyad, String status, int limit) {
        return pool.preparedQuery("""
                        SELECT * FROM parked_events
                        WHERE ($1::text IS NULL OR dyad = $1) AND ($2::text IS NULL OR status = $2)
                        ORDER BY log_partition, log_offset LIMIT $3""")
                .execute(Tuple.of(dyad, status, limit))
                .map(rows -> {
                    java.util.List<Parked> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(Parked.of(r)));
                    return out;
                });
    }

    /** Open (poison and held) events per partition, for the status. */
    public Uni<java.util.Map<Integer, long[]>> openCounts(io.vertx.mutiny.sqlclient.Pool pool) {
        return pool.query("""
                        SELECT log_partition, count(*) FILTER (WHERE status = 'poison') AS poison,
                               count(*) FILTER (WHERE status = 'held') AS held
                        FROM parked_events WHERE status <> 'skipped' GROUP BY log_partition""")
                .execute()
                .map(rows -> {
                    java.util.Map<Integer, long[]> out = new java.util.TreeMap<>();
                    rows.forEach(r -> out.put(r.getInteger("log_partition"), new long[] {r.getLong("poison"), r.getLong("held")}));
                    return out;
                });
    }
}
