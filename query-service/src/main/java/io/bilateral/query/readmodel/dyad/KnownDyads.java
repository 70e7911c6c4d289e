package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A dyad from a URL, in either order, that has facts, its own or others' that concern it: a
 * malformed one is a 400 (by {@link DyadId#parse}), one with neither a 404, for every read model alike.
 */
@ApplicationScoped
public class KnownDyads {

    private final Pool pool;

    KnownDyads(Pool pool) {
        this.pool = pool;
    }

    public Uni<DyadId> require(String dyad) {
        DyadId id = DyadId.parse(dyad);
        return pool.preparedQuery("(SELECT 1 FROM dyads WHERE dyad = $1) UNION ALL (SELECT 1 FROM fact_concerns WHERE dyad = $1 LIMIT 1)").execute(Tuple.of(id.toString()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("no facts recorded for or concerning dyad " + id);
                    }
                    return id;
                });
    }
}
