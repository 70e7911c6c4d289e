package io.bilateral.query.readmodel.register;

import io.bilateral.events.actor.DyadId;
import io.smallrye.mutiny.Uni;
import io.bilateral.query.readmodel.StoredJson;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The current (not retracted) facts of some types of one dyad, in timeline order, as stored:
 * what the registers (visits, missions, trade, incidents) are read from. Served by the
 * facts_timeline_order index (dyad, then the order).
 */
@ApplicationScoped
public class FactsOfTypes {

    public static final String QUERY = """
            SELECT fact_id, type, occurred, precision, payload FROM facts
            WHERE dyad = $1 AND type = ANY($2::text[]) AND NOT retracted
              AND ($3::date IS NULL OR (occurred IS NOT NULL AND COALESCE(latest, 'infinity'::date) >= $3::date))
            ORDER BY (CASE WHEN occurred IS NULL THEN 'infinity'::date ELSE COALESCE(earliest, '-infinity'::date) END),
                     (CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END), fact_id""";

    private final Pool pool;

    FactsOfTypes(Pool pool) {
        this.pool = pool;
    }

    /** A fact of a register: where the timeline places it, and its stored event JSON. */
    public record StoredFact(String factId, String type, String occurred, String precision, JsonObject event) {

        public String certainty() {
            return event.getString("certainty");
        }

        public String summary() {
            return event.getString("summary");
        }

        public List<Map<String, Object>> sources() {
            return StoredJson.list(event.getJsonArray("sources"));
        }

        /** A text field of the event (an actor code, an enum's name ...), or null. */
        public String text(String field) {
            return event.getString(field);
        }

        /** An object field of the event (a person, a mission), as stored, or null. */
        public Map<String, Object> object(String field) {
            return StoredJson.map(event.getJsonObject(field));
        }
    }

    /** The facts of one dyad, with the dyad they are of. */
    public record Listed(DyadId dyad, List<StoredFact> facts) {
    }

    public Uni<Listed> of(DyadId dyad, String... types) {
        return since(dyad, null, types);
    }

    /** Only the facts that may have happened on or after {@code from} (null: all). */
    public Uni<Listed> since(DyadId dyad, java.time.LocalDate from, String... types) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(dyad.toString(), types, from)).map(rows -> {
            List<StoredFact> facts = new ArrayList<>();
            for (Row r : rows) {
                facts.add(new StoredFact(r.getString("fact_id"), r.getString("type"), r.getString("occurred"),
                        r.getString("precision"), r.getJsonObject("payload")));
            }
            return new Listed(dyad, facts);
        });
    }
}
