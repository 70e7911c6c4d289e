package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.query.project.ReadModelProjection;
import io.bilateral.query.project.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;


/** Keeps {@code dyads}: every dyad that has a fact, and when it was first and last recorded. */
@ApplicationScoped
public class DyadProjection implements ReadModelProjection {

    private static final String TOUCH = """
            INSERT INTO dyads (dyad, first_actor, second_actor, first_recorded_at, last_recorded_at)
            VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (dyad) DO UPDATE SET
                first_recorded_at = LEAST(dyads.first_recorded_at, EXCLUDED.first_recorded_at),
                last_recorded_at = GREATEST(dyads.last_recorded_at, EXCLUDED.last_recorded_at)""";

    @Override
    public Uni<Void> apply(SqlConnection tx, EventEnvelope e) {
        if (e.type().isCorrection()) {
            // A correction changes a fact of a dyad that exists already; it never creates one.
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(TOUCH)
                .execute(Sql.tuple(e.dyad().toString(), e.dyad().first(), e.dyad().second(),
                        Sql.timestamp(e.metadata().recordedAt())))
                .replaceWithVoid();
    }
}
