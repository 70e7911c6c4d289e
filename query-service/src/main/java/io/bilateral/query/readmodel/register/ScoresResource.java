package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.dyad.KnownDyads;
import io.bilateral.query.rest.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The cooperation–conflict series: per year (or per month, for the facts dated at least to
 * the month), how many current dated facts, how many of them carry a Goldstein score, and
 * the scores' sum, as GDELT does. A fact spanning years counts in the year it began.
 */
@Path("/dyads/{dyad}/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoresResource {

    public static final String SERIES = """
            SELECT to_char(earliest, $2) AS period, count(*) AS facts, count(goldstein) AS scored,
                   COALESCE(sum(goldstein), 0) AS goldstein
            FROM facts
            WHERE dyad = $1 AND NOT retracted AND earliest IS NOT NULL AND ($3::boolean OR precision IN ('day', 'month'))
            GROUP BY 1 ORDER BY 1""";

    private final Pool pool;
    private final KnownDyads dyads;

    ScoresResource(Pool pool, KnownDyads dyads) {
        this.pool = pool;
        this.dyads = dyads;
    }

    @GET
    @Operation(summary = "Cooperation–conflict series per year or month: counts and summed Goldstein score")
    public Uni<Scores> scores(@PathParam("dyad") String dyad, @QueryParam("by") @DefaultValue("year") String by) {
        if (!by.equals("year") && !by.equals("month")) {
            throw new InvalidParameterException("by", "must be year or month");
        }
        boolean yearly = by.equals("year");
        return dyads.require(dyad).chain(id -> pool.preparedQuery(SERIES)
                .execute(Tuple.of(id.toString(), yearly ? "YYYY" : "YYYY-MM", yearly)).map(rows -> {
            List<Scores.Period> series = new ArrayList<>(rows.rowCount());
            rows.forEach(r -> series.add(new Scores.Period(r.getString("period"), r.getLong("facts"), r.getLong("scored"),
                    Math.round(r.getDouble("goldstein") * 10) / 10.0)));
            return new Scores(id.toString(), by, series);
        }));
    }
}
