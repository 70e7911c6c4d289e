package io.bilateral.query.readmodel.fact;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.RelationEvent;
import io.bilateral.events.time.PartialDate;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Keeps {@code facts}: one row per fact in its current state, with the derived date bounds
 * and precision the timeline sorts and filters on. A second creation event that reuses a
 * fact id does not overwrite the first: facts change only through corrections.
 */
@ApplicationScoped
public class FactProjection implements ReadModelProjection {

    private static final String INSERT = """
            INSERT INTO facts (fact_id, dyad, type, occurred, earliest, latest, precision, certainty, sources,
                               payload, cameo, goldstein, revision, retracted, recorded_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, false, $13, $13)
            ON CONFLICT (fact_id) DO NOTHING""";

    @Override
    public Uni<Void> apply(SqlConnection tx, EventEnvelope e) {
        if (e.type().isCorrection()) {
            // Folding amendments and retractions into the current state comes with the read models' issue.
            return Uni.createFrom().voidItem();
        }
        RelationEvent fact = e.event();
        // The timeline's date: what happened when known, else (incidents) when it was disclosed.
        PartialDate when = fact.when();
        EventCoding coding = e.type().coding();
        return tx.preparedQuery(INSERT).execute(Sql.tuple(
                        e.metadata().factId(), e.dyad().toString(), e.type().wireName(),
                        when == null ? null : when.edtf(), when == null ? null : when.earliest(),
                        when == null ? null : when.latest(),
                        when == null ? null : when.precision().name().toLowerCase(Locale.ROOT),
                        fact.certainty() == null ? null : fact.certainty().name(),
                        Sql.json(EventJson.mapper().valueToTree(fact.sources())),
                        Sql.json(EventJson.toJson(e)),
                        coding.cameo(), coding.goldstein(),
                        Sql.timestamp(e.metadata().recordedAt())))
                .replaceWithVoid();
    }
}
