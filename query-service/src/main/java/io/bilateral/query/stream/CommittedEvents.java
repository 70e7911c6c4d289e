package io.bilateral.query.stream;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.event.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The committed events in stream order, as PostgreSQL has them (table {@code events}, migration V9). */
@ApplicationScoped
public class CommittedEvents {

    /**
     * Bounded above as well as below: a subscriber catching up reads only what the tail has
     * already passed, so nothing it reads can also reach it live. One dyad is read through
     * {@code events_by_dyad_seq}; everything else walks {@code events_seq_key} in order. A dyad's
     * subscribers also get the events of facts recorded under other dyads that concern it (and
     * their corrections): the second branch walks the few such events ({@code events_concerning},
     * V13) in order; each branch gives at most a page, and the merge keeps the first page of both.
     */
    private static final String SELECTED = """
            SELECT seq, event_id, log_partition, log_offset, dyad, type, recorded_at, source, payload::text AS data, concerns,
                   traceparent
            FROM events
            WHERE seq > $1 AND seq <= $2 AND %s
              AND ($4::text[] IS NULL OR split_part(dyad, '-', 1) = ANY($4) OR split_part(dyad, '-', 2) = ANY($4))
              AND ($5::text[] IS NULL OR type = ANY($5))
            ORDER BY seq
            LIMIT $6""";
    /** A page of the stream (public for the plan test: each branch reads through an index). */
    public static final String PAGE = "(" + SELECTED.formatted("($3::text[] IS NULL OR dyad = ANY($3))") + ")\nUNION ALL\n("
            + SELECTED.formatted("$3::text[] IS NOT NULL AND concerns IS NOT NULL AND concerns && $3 AND NOT dyad = ANY($3)")
            + ")\nORDER BY seq\nLIMIT $6";

    /**
     * What the tail reads when nobody on this instance listens live: where each event is and
     * which dyads it changed ({@link DyadVersions}), not its payload. Reading and formatting
     * every payload only to drop it was a sixteenth of PostgreSQL's time in a catch-up
     * (BENCHMARKS.md). Public for the plan test.
     */
    public static final String POSITIONS = """
            SELECT seq, dyad, concerns FROM events WHERE seq > $1 ORDER BY seq LIMIT $2""";

    private final Pool pool;

    CommittedEvents(Pool pool) {
        this.pool = pool;
    }

    /** The last number handed out: every event up to it is committed (or its number unused). */
    Uni<Long> head() {
        return pool.query("SELECT last_seq FROM stream_head").execute().map(rows -> rows.iterator().next().getLong("last_seq"));
    }

    /** The first number still kept, or null when there are no events. */
    Uni<Long> earliest() {
        return pool.query("SELECT min(seq) AS earliest FROM events").execute().map(rows -> rows.iterator().next().getLong("earliest"));
    }

    /** At most {@code limit} events numbered after {@code after} and up to {@code upTo}, that pass the filter, in order. */
    Uni<List<CommittedEvent>> page(long after, long upTo, StreamFilter filter, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(after, upTo).addArrayOfString(filter.dyadArray())
                        .addArrayOfString(filter.actorArray()).addArrayOfString(filter.typeArray()).addInteger(limit))
                .map(rows -> {
                    List<CommittedEvent> page = new ArrayList<>();
                    rows.forEach(r -> page.add(event(r)));
                    return page;
                });
    }

    /** At most {@code limit} positions after {@code after}, in order: a page of the stream without its events. */
    Uni<List<CommittedPosition>> positions(long after, int limit) {
        return pool.preparedQuery(POSITIONS).execute(Tuple.of(after, limit)).map(rows -> {
            List<CommittedPosition> page = new ArrayList<>();
            rows.forEach(r -> page.add(position(r)));
            return page;
        });
    }

    private static CommittedPosition position(Row r) {
        String[] concerns = r.getArrayOfStrings("concerns");
        return new CommittedPosition(r.getLong("seq"), r.getString("dyad"), concerns == null ? List.of() : List.of(concerns));
    }

    /**
     * Structured-mode CloudEvents JSON, as another team would get from the topic: the same id,
     * source, type (with its schema version), subject and time, the event as {@code data}, and
     * where it sits in the log as the extensions {@code logpartition} and {@code logoffset}; the
     * trace it was published in, when traced, as {@code traceparent} (distributed tracing).
     */
    private static CommittedEvent event(Row r) {
        String type = r.getString("type");
        String ceType = CloudEventsKafka.TYPE_PREFIX + type + ".v" + EventType.byWireName(type).map(EventType::schemaVersion).orElse(1);
        String source = r.getString("source") == null ? CloudEventsKafka.DEFAULT_SOURCE : r.getString("source");
        String traceparent = r.getString("traceparent");
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + r.getUUID("event_id")
                + "\",\"source\":" + Json.encode(source)
                + ",\"type\":" + Json.encode(ceType)
                + ",\"subject\":" + Json.encode(r.getString("dyad"))
                + ",\"time\":\"" + r.getOffsetDateTime("recorded_at").toInstant()
                + "\",\"datacontenttype\":\"application/json\",\"logpartition\":" + r.getInteger("log_partition")
                + ",\"logoffset\":" + r.getLong("log_offset")
                + (traceparent == null ? "" : ",\"traceparent\":" + Json.encode(traceparent))
                + ",\"data\":" + r.getString("data") + "}";
        return new CommittedEvent(position(r), type, json, traceparent);
    }
}
