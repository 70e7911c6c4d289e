package io.bilateral.query.readmodel.register;

import io.bilateral.events.actor.DyadId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The current (not retracted) facts of some types of one dyad, in timeline order, as stored:
 * what the registers (visits, missions, trade, incidents) are read from. Served by the
 * facts_timeline_order index (dyad, then the order).
 */
@ApplicationScoped
public class FactsOfTypes {

    private static final String QUERY = """
            SELECT fact_id, type, occurred, precision, payload, sources FROM facts
            WHERE dyad = $1 AND type = ANY($2::text[]) AND NOT retracted
            ORDER BY COALESCE(earliest, 'infinity'::date),
                     (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END), fact_id""";

    private final Pool pool;

    FactsOfTypes(Pool pool) {
        this.pool = pool;
    }

    /** A fact of a register: where the timeline places it, and its stored event JSON. */
    public record StoredFact(String factId, String type, String occurred, String precision, JsonObject event) {
    }

    public Uni<List<StoredFact>> of(DyadId dyad, String... types) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(dyad.toString(), types)).map(rows -> {
            List<StoredFact> facts = new ArrayList<>();
            for (Row r : rows) {
                facts.add(new StoredFact(r.getString("fact_id"), r.getString("type"), r.getString("occurred"),
                        r.getString("precision"), r.getJsonObject("payload")));
            }
            return facts;
        });
    }
}
