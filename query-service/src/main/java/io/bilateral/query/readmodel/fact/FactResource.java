package io.bilateral.query.readmodel.fact;

import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
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
    private static final String HISTORY = """
            SELECT revision, event_id, kind, reason, sources, changes, recorded_at, recorded_by
            FROM fact_revisions WHERE fact_id = $1 ORDER BY revision""";
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
    public Uni<JsonObject> fact(@PathParam("factId") String factId) {
        Tuple id = Tuple.of(factId);
        return pool.preparedQuery(FACT).execute(id).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().failure(new NotFoundProblem("no fact " + factId));
            }
            Row f = rows.iterator().next();
            JsonObject fact = new JsonObject()
                    .put("factId", f.getString("fact_id")).put("dyad", f.getString("dyad")).put("type", f.getString("type"))
                    .put("occurred", f.getString("occurred")).put("precision", f.getString("precision"))
                    .put("earliest", str(f.getLocalDate("earliest"))).put("latest", str(f.getLocalDate("latest")))
                    .put("certainty", f.getString("certainty")).put("revision", f.getInteger("revision"))
                    .put("retracted", f.getBoolean("retracted"))
                    .put("recordedAt", str(f.getOffsetDateTime("recorded_at"))).put("updatedAt", str(f.getOffsetDateTime("updated_at")))
                    .put("current", f.getJsonObject("payload"));
            return pool.preparedQuery(HISTORY).execute(id).map(history -> {
                JsonArray revisions = new JsonArray();
                history.forEach(r -> revisions.add(new JsonObject()
                        .put("revision", r.getInteger("revision")).put("eventId", r.getUUID("event_id").toString())
                        .put("kind", r.getString("kind")).put("reason", r.getString("reason"))
                        .put("sources", r.getJsonArray("sources")).put("changes", r.getValue("changes"))
                        .put("recordedAt", str(r.getOffsetDateTime("recorded_at"))).put("recordedBy", recordedBy(r))));
                return fact.put("history", revisions);
            }).chain(withHistory -> pool.preparedQuery(CONFLICTS).execute(id).map(conflicts -> {
                JsonArray list = new JsonArray();
                conflicts.forEach(c -> list.add(new JsonObject()
                        .put("eventId", c.getUUID("event_id").toString()).put("basedOnRevision", c.getInteger("based_on_revision"))
                        .put("currentRevision", c.getInteger("current_revision")).put("reason", c.getString("reason"))
                        .put("recordedAt", str(c.getOffsetDateTime("recorded_at"))).put("recordedBy", recordedBy(c))));
                return withHistory.put("conflicts", list);
            }));
        });
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /** Who recorded it (subject, issuer, client), or "unknown" for an event recorded before that was kept. */
    private static Object recordedBy(io.vertx.mutiny.sqlclient.Row row) {
        JsonObject who = row.getJsonObject("recorded_by");
        return who == null ? "unknown" : who;
    }
}
