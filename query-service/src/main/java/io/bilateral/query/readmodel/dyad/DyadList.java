package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.actor.Actors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Every dyad on record, the most recently active first: its actors, current facts (from the
 * counts the projection keeps) and when a fact was last recorded. What the explorer's start page lists.
 */
@ApplicationScoped
public class DyadList {

    public static final String LIST = """
            SELECT d.dyad, d.first_actor, d.second_actor, d.last_recorded_at,
                   COALESCE((SELECT sum(c.facts) FROM fact_counts c WHERE c.dyad = d.dyad), 0) AS facts
            FROM dyads d
            ORDER BY d.last_recorded_at DESC, d.dyad
            LIMIT $1""";

    /** One line of the list. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DyadListEntry")
    public record Entry(String dyad, List<String> actors, List<String> names, long facts, OffsetDateTime lastRecordedAt) {
    }

    private final Pool pool;

    DyadList(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Entry>> latest(int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(limit)).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            for (Row r : rows) {
                List<String> actors = List.of(r.getString("first_actor"), r.getString("second_actor"));
                entries.add(new Entry(r.getString("dyad"), actors,
                        actors.stream().map(a -> Actors.find(a).map(x -> x.name()).orElse(a)).toList(),
                        r.getLong("facts"), r.getOffsetDateTime("last_recorded_at")));
            }
            return entries;
        });
    }
}
