package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.query.project.ConcernedDyads;
import io.bilateral.query.project.NewEvent;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps {@code dyads}: every dyad that has a fact, and when it was first and last recorded. */
@ApplicationScoped
public class DyadProjection implements ReadModelProjection {

    private static final String TOUCH = """
            INSERT INTO dyads (dyad, first_actor, second_actor, first_recorded_at, last_recorded_at)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
            ON CONFLICT (dyad) DO UPDATE SET
                first_recorded_at = LEAST(dyads.first_recorded_at, EXCLUDED.first_recorded_at),
                last_recorded_at = GREATEST(dyads.last_recorded_at, EXCLUDED.last_recorded_at)""";

    /** What the batch says of one dyad: the order of events does not matter to first and last. */
    private record Span(EventEnvelope any, Instant first, Instant last) {
        Span with(Instant recordedAt) {
            return new Span(any, first.isBefore(recordedAt) ? first : recordedAt, last.isAfter(recordedAt) ? last : recordedAt);
        }
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<NewEvent> events, ConcernedDyads concerned) {
        // One row per dyad, in a fixed order: a statement may not update a row twice.
        Map<String, Span> spans = new TreeMap<>();
        for (NewEvent event : events) {
            EventEnvelope e = event.envelope();
            if (e.type().isCorrection()) {
                // A correction changes a fact of a dyad that exists already; it never creates one.
                continue;
            }
            Instant at = e.metadata().recordedAt();
            spans.merge(e.dyad().toString(), new Span(e, at, at), (span, added) -> span.with(at));
        }
        if (spans.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(TOUCH).execute(Sql.tuple(
                        spans.keySet().toArray(String[]::new),
                        spans.values().stream().map(s -> s.any().dyad().first()).toArray(String[]::new),
                        spans.values().stream().map(s -> s.any().dyad().second()).toArray(String[]::new),
                        spans.values().stream().map(s -> Sql.timestamp(s.first())).toArray(OffsetDateTime[]::new),
                        spans.values().stream().map(s -> Sql.timestamp(s.last())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
