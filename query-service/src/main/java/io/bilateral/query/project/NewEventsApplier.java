package io.bilateral.query.project;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The part of a projection transaction that applies events: which of them are new (an event
 * id already in {@code events} for its dyad, a client's retry, has no effect), each read
 * model's changes for the new ones, then their rows in {@code events} with the stream's
 * numbers. Runs inside the {@link Projector}'s transactions, after their locks and offsets.
 */
final class NewEventsApplier {

    /** Which of the batch's events are there already (a client's retry, published twice). */
    private static final String KNOWN_EVENTS = """
            SELECT e.dyad, e.event_id FROM unnest($1::text[], $2::uuid[]) AS batch (dyad, event_id)
            JOIN events e ON e.dyad = batch.dyad AND e.event_id = batch.event_id""";
    /**
     * The new events, one statement: it moves the stream head past them, numbers them after the
     * old head in log order (the arrays' order), inserts them, and returns the new head. The
     * head's row stays locked from this statement until the transaction ends, so numbers commit
     * in the order they were handed out; taking, using and storing them in one statement keeps
     * that lock for the insert and the commit only, not for round trips to this service
     * (BENCHMARKS.md, 2026-12-05). The other dyads an event concerns come as the text of an
     * array literal per row (unnest takes one dimension). {@code %s} is what the statement
     * returns: the head, or the head notified (see {@link Projector#COMMITTED_CHANNEL};
     * PostgreSQL delivers it at the commit).
     */
    private static final String INSERT_EVENTS = """
            WITH head AS (
                UPDATE stream_head SET last_seq = last_seq + cardinality($1::uuid[]) RETURNING last_seq
            ), inserted AS (
                INSERT INTO events (event_id, log_partition, log_offset, dyad, type, fact_id, recorded_at, payload, seq, source, concerns,
                                    traceparent)
                SELECT event_id, log_partition, log_offset, dyad, type, fact_id, recorded_at, convert_from(payload, 'UTF8')::jsonb,
                       head.last_seq - cardinality($1::uuid[]) + batch.n, source, concerns::text[], traceparent
                FROM head, unnest($1::uuid[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                                  $8::bytea[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY
                     AS batch (event_id, log_partition, log_offset, dyad, type, fact_id, recorded_at, payload, source, concerns,
                               traceparent, n)
            )
            SELECT %s FROM head""";
    private static final String INSERT_EVENTS_QUIETLY = INSERT_EVENTS.formatted("last_seq");
    private static final String INSERT_EVENTS_AND_NOTIFY = INSERT_EVENTS.formatted("pg_notify($12, last_seq::text)");

    private final List<ReadModelProjection> readModels;
    /** Only the live projection tells subscribers; a rebuild's events are not theirs until the swap. */
    private final boolean notifies;

    NewEventsApplier(List<ReadModelProjection> readModels, boolean notifies) {
        this.readModels = readModels;
        this.notifies = notifies;
    }

    /**
     * Hands the records' events that are new to each read model, then inserts them into
     * {@code events} with their stream numbers. An event id seen twice in one batch counts
     * once: its first record is applied. Returns how many were new.
     */
    Uni<Integer> apply(SqlConnection tx, List<LogRecord> records) {
        Map<List<Object>, LogRecord> firsts = new LinkedHashMap<>();
        records.forEach(r -> firsts.putIfAbsent(List.of(r.event().dyad().toString(), r.event().metadata().eventId()), r));
        List<LogRecord> distinct = List.copyOf(firsts.values());
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<NewEvent> candidates = distinct.stream().map(r -> NewEvent.of(r.event())).toList();
        return tx.preparedQuery(KNOWN_EVENTS).execute(Sql.tuple(
                        candidates.stream().map(e -> e.envelope().dyad().toString()).toArray(String[]::new),
                        candidates.stream().map(e -> e.envelope().metadata().eventId()).toArray(UUID[]::new)))
                .chain(known -> {
                    Set<List<Object>> there = new HashSet<>();
                    known.forEach(row -> there.add(List.of(row.getString("dyad"), row.getUUID("event_id"))));
                    List<LogRecord> fresh = new ArrayList<>();
                    List<NewEvent> events = new ArrayList<>();
                    for (int i = 0; i < distinct.size(); i++) {
                        NewEvent e = candidates.get(i);
                        if (!there.contains(List.of(e.envelope().dyad().toString(), e.envelope().metadata().eventId()))) {
                            fresh.add(distinct.get(i));
                            events.add(e);
                        }
                    }
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    ConcernedDyads concerned = new ConcernedDyads();
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (ReadModelProjection readModel : readModels) {
                        all = all.chain(() -> readModel.apply(tx, events, concerned));
                    }
                    return all.chain(() -> insert(tx, fresh, events, concerned)).replaceWith(events.size());
                });
    }

    /**
     * The new events' rows, numbered in log order (per partition), with the trace each was
     * published in. Built before the statement that takes the stream head's lock.
     */
    private Uni<Void> insert(SqlConnection tx, List<LogRecord> records, List<NewEvent> events, ConcernedDyads concerned) {
        List<Object> columns = new ArrayList<>(List.of(
                events.stream().map(e -> e.envelope().metadata().eventId()).toArray(UUID[]::new),
                records.stream().map(r -> r.position().partition()).toArray(Integer[]::new),
                records.stream().map(r -> r.position().offset()).toArray(Long[]::new),
                events.stream().map(e -> e.envelope().dyad().toString()).toArray(String[]::new),
                events.stream().map(e -> e.envelope().type().wireName()).toArray(String[]::new),
                events.stream().map(e -> e.envelope().metadata().factId()).toArray(String[]::new),
                events.stream().map(e -> Sql.timestamp(e.envelope().metadata().recordedAt())).toArray(OffsetDateTime[]::new),
                events.stream().map(NewEvent::json).toArray(Buffer[]::new),
                records.stream().map(LogRecord::source).toArray(String[]::new),
                events.stream().map(concerned::arrayLiteral).toArray(String[]::new),
                records.stream().map(r -> r.trace().get("traceparent")).toArray(String[]::new)));
        if (notifies) {
            columns.add(Projector.COMMITTED_CHANNEL);
        }
        return tx.preparedQuery(notifies ? INSERT_EVENTS_AND_NOTIFY : INSERT_EVENTS_QUIETLY)
                .execute(Sql.tuple(columns.toArray())).replaceWithVoid();
    }
}
