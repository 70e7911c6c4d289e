package io.bilateral.query.readmodel.search;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.rest.InvalidParameterException;
import io.bilateral.query.rest.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over the current facts (as far as the {@link SearchIndexer} has indexed them), ranked (PostgreSQL {@code websearch_to_tsquery}:
 * words, "quoted phrases", OR, -excluded). The query is a bound parameter: data, never SQL.
 * Within a dyad, the facts of other dyads that concern it are found too; {@code dyad} in a hit
 * is always the dyad the fact is recorded under.
 */
@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    static final int MAX_LIMIT = 100;
    public static final String SEARCH = """
            SELECT f.fact_id, f.dyad, f.type, f.occurred, f.precision, f.payload->>'summary' AS summary, ts_rank(s.search, q) AS rank
            FROM fact_search s JOIN facts f USING (fact_id), websearch_to_tsquery('simple', $1) q
            WHERE s.search @@ q AND NOT f.retracted
              AND ($2::text IS NULL OR f.dyad = $2 OR f.fact_id IN (SELECT c.fact_id FROM fact_concerns c WHERE c.dyad = $2))
            ORDER BY rank DESC, f.fact_id LIMIT $3""";

    private final Pool pool;

    SearchResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Search the facts", description = "Ranked full-text search over every text of the current facts.")
    public Uni<SearchResults> search(@Parameter(example = "Brotchi") @QueryParam("q") String q,
                                  @QueryParam("dyad") String dyad,
                                  @Parameter(description = "hits, 1 to 100 (default 20)") @QueryParam("limit") String limitParam) {
        if (q == null || q.isBlank()) {
            throw new InvalidParameterException("q", "is required: the words to search for");
        }
        int limit = Periods.bounded("limit", limitParam, 20, 1, MAX_LIMIT);
        String inDyad = dyad == null || dyad.isBlank() ? null : DyadId.parse(dyad).toString();
        return pool.preparedQuery(SEARCH).execute(Tuple.of(q, inDyad, limit)).map(rows -> {
            List<SearchResults.Hit> hits = new ArrayList<>(rows.rowCount());
            rows.forEach(r -> hits.add(new SearchResults.Hit(r.getString("fact_id"), r.getString("dyad"), r.getString("type"),
                    r.getString("occurred"), r.getString("precision"), r.getString("summary"), r.getFloat("rank"))));
            return new SearchResults(q, hits);
        });
    }
}
