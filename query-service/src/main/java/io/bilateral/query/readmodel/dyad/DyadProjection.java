package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.event.DiplomaticRelationsEstablished;
import io.bilateral.events.time.PartialDate;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Keeps {@code dyads}: every dyad that has a fact, when it was first and last recorded, and
 * since when relations exist (the earliest "relations established" fact, by date).
 */
@ApplicationScoped
public class DyadProjection implements ReadModelProjection {

    private static final String TOUCH = """
            INSERT INTO dyads (dyad, first_actor, second_actor, first_recorded_at, last_recorded_at)
            VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (dyad) DO UPDATE SET
                first_recorded_at = LEAST(dyads.first_recorded_at, EXCLUDED.first_recorded_at),
                last_recorded_at = GREATEST(dyads.last_recorded_at, EXCLUDED.last_recorded_at)""";

    /** An earlier date wins; an open start (null earliest) never replaces a known one. */
    private static final String RELATIONS_SINCE = """
            UPDATE dyads SET relations_since = $2, relations_since_earliest = $3::date,
                             relations_since_precision = $4, relations_fact_id = $5
            WHERE dyad = $1 AND $3::date IS NOT NULL
              AND (relations_since_earliest IS NULL OR relations_since_earliest > $3::date)""";

    @Override
    public Uni<Void> apply(SqlConnection tx, EventEnvelope e) {
        Uni<Void> touched = tx.preparedQuery(TOUCH)
                .execute(Sql.tuple(e.dyad().toString(), e.dyad().first(), e.dyad().second(),
                        Sql.timestamp(e.metadata().recordedAt())))
                .replaceWithVoid();
        if (!(e.event() instanceof DiplomaticRelationsEstablished established)) {
            return touched;
        }
        PartialDate since = established.occurred();
        return touched.chain(() -> tx.preparedQuery(RELATIONS_SINCE)
                .execute(Sql.tuple(e.dyad().toString(), since.edtf(), since.earliest(),
                        since.precision().name().toLowerCase(Locale.ROOT), e.metadata().factId()))
                .replaceWithVoid());
    }
}
