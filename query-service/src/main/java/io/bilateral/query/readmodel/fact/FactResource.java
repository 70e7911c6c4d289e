package io.bilateral.query.readmodel.fact;

import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.bilateral.query.readmodel.StoredJson;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * One fact: its current state, every revision with who changed it why (the reason and the
 * sources of each correction), and the corrections that were not applied (conflicts).
 * Read with the reactive client: the answer is mostly the stored JSON as it is.
 */
@Path("/facts")
@Produces(MediaType.APPLICATION_JSON)
public class FactResource {

    private static final String FACT = """
            SELECT fact_id, dyad, type, occurred, precision, earliest, latest, certainty, revision, retracted,
                   recorded_at, updated_at, payload FROM facts WHERE fact_id = $1""";
    /**
     * Revision 1 is the fact's row (V19): its payload keeps the recording event's id and author,
     * which no amendment changes, and its sources are that event's (V18); the corrections'
     * revisions are rows of fact_revisions.
     */
    private static final String HISTORY = """
            SELECT 1 AS revision, (f.payload->>'eventId')::uuid AS event_id, 'RECORDED' AS kind, NULL::text AS reason,
                   e.payload->'sources' AS sources, NULL::jsonb AS changes, f.recorded_at, f.payload->'recordedBy' AS recorded_by
            FROM facts f LEFT JOIN events e ON e.dyad = f.dyad AND e.event_id = (f.payload->>'eventId')::uuid
            WHERE f.fact_id = $1
            UNION ALL
            SELECT revision, event_id, kind, reason, sources, changes, recorded_at, recorded_by
            FROM fact_revisions WHERE fact_id = $1
            ORDER BY revision""";
    private static final String CONFLICTS = """
            SELECT event_id, based_on_revision, current_revision, reason, recorded_at, recorded_by
            FROM fact_conflicts WHERE fact_id = $1 ORDER BY recorded_at""";

    private final Pool pool;

    FactResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/{factId}")
    @Operation(summary = "A fact with its history", description = "Current state, every revision, and corrections that conflicted.")
    public Uni<FactDetail> fact(@PathParam("factId") String factId) {
        Tuple id = Tuple.of(factId);
        return pool.preparedQuery(FACT).execute(id).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().failure(new NotFoundProblem("no fact " + factId));
            }
            Row f = rows.iterator().next();
            return pool.preparedQuery(HISTORY).execute(id).chain(history -> pool.preparedQuery(CONFLICTS).execute(id).map(conflicts -> {
                List<FactDetail.Revision> revisions = new ArrayList<>(history.rowCount());
                history.forEach(r -> revisions.add(new FactDetail.Revision(r.getInteger("revision"), r.getUUID("event_id").toString(),
                        r.getString("kind"), r.getString("reason"), StoredJson.list(r.getJsonArray("sources")),
                        StoredJson.map(r.getJsonObject("changes")), str(r.getOffsetDateTime("recorded_at")), recordedBy(r))));
                List<FactDetail.Conflict> conflicting = new ArrayList<>(conflicts.rowCount());
                conflicts.forEach(c -> conflicting.add(new FactDetail.Conflict(c.getUUID("event_id").toString(),
                        c.getInteger("based_on_revision"), c.getInteger("current_revision"), c.getString("reason"),
                        str(c.getOffsetDateTime("recorded_at")), recordedBy(c))));
                return new FactDetail(f.getString("fact_id"), f.getString("dyad"), f.getString("type"), f.getString("occurred"),
                        f.getString("precision"), str(f.getLocalDate("earliest")), str(f.getLocalDate("latest")),
                        f.getString("certainty"), f.getInteger("revision"), f.getBoolean("retracted"),
                        str(f.getOffsetDateTime("recorded_at")), str(f.getOffsetDateTime("updated_at")),
                        StoredJson.map(f.getJsonObject("payload")), revisions, conflicting);
            }));
        });
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /** Who recorded it (subject, issuer, client), or "unknown" for an event recorded before that was kept. */
    private static Object recordedBy(Row row) {
        JsonObject who = row.getJsonObject("recorded_by");
        return who == null ? FactDetail.UNKNOWN : who.getMap();
    }
}
