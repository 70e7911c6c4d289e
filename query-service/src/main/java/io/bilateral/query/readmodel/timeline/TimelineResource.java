package io.bilateral.query.readmodel.timeline;

import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.InvalidDyadException;
import io.bilateral.events.event.EventType;
import io.bilateral.query.rest.Periods;
import io.bilateral.query.readmodel.dyad.KnownDyads;
import io.bilateral.query.rest.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import io.bilateral.query.readmodel.StoredJson;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every current fact of a dyad in date order — earliest day first (undated facts last), finer
 * precision first — with its precision and sources; filtered by type and period, paged with
 * a keyset cursor. A fact known only to the year 2019 is inside a period 2019-07/2019-07:
 * periods are compared as the days they may denote.
 */
@Path("/dyads/{dyad}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    static final int MAX_LIMIT = 200;
    private static final String RANK = "(CASE f.precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END)";
    /** Undated facts last, open starts first (see V6__open_start_order.sql, whose index this matches). */
    private static final String DAY = "(CASE WHEN f.occurred IS NULL THEN 'infinity'::date ELSE COALESCE(f.earliest, '-infinity'::date) END)";
    /** The filters and the keyset, the same for a dyad's own facts and for those recorded under others that concern it. */
    private static final String FILTERED = """
            SELECT f.fact_id, f.dyad AS recorded_under, f.type, f.occurred, f.precision, f.earliest, f.latest, f.certainty, f.payload->'sources' AS sources,
                   f.payload->>'summary' AS summary, f.retracted, f.revision, f.cameo, f.goldstein, %1$s AS day, %2$s AS rank
            FROM %3$s
              AND ($2::text[] IS NULL OR f.type = ANY($2::text[]))
              AND ($3::date IS NULL OR (f.occurred IS NOT NULL AND COALESCE(f.latest, 'infinity'::date) >= $3::date))
              AND ($4::date IS NULL OR (f.occurred IS NOT NULL AND COALESCE(f.earliest, '-infinity'::date) <= $4::date))
              AND ($5::boolean OR NOT f.retracted)
              AND ($6::date IS NULL OR (%1$s, %2$s, f.fact_id) > ($6::date, $7::int, $8::text))
              AND ($10::text IS NULL OR jsonb_path_exists(f.payload, '$.** ? (@ == $a)', jsonb_build_object('a', $10::text)))
              AND ($11::text IS NULL OR f.fact_id IN (SELECT fact_id FROM fact_search WHERE search @@ websearch_to_tsquery('simple', $11::text)))
              AND ($12::text IS NULL OR f.payload->'recordedBy'->>'subject' = $12::text
                   OR f.fact_id IN (SELECT fact_id FROM fact_revisions WHERE recorded_by->>'subject' = $12::text))
            ORDER BY %1$s, %2$s, f.fact_id
            LIMIT $9""";
    /**
     * A page of the dyad's own facts (read in order through facts_timeline_order) merged with
     * the facts of other dyads that concern it (fact_concerns, V13): each branch gives at most a
     * page, so the merge sorts at most two.
     */
    public static final String PAGE = "(" + FILTERED.formatted(DAY, RANK, "facts f WHERE f.dyad = $1") + ")\nUNION ALL\n("
            + FILTERED.formatted(DAY, RANK, "fact_concerns c JOIN facts f ON f.fact_id = c.fact_id WHERE c.dyad = $1")
            + ")\nORDER BY day, rank, fact_id\nLIMIT $9";

    private final Pool pool;
    private final KnownDyads dyads;

    TimelineResource(Pool pool, KnownDyads dyads) {
        this.pool = pool;
        this.dyads = dyads;
    }

    @GET
    @Operation(summary = "The timeline of a relation", description = "Current facts in date order, with precision and sources.")
    public Uni<TimelinePage> timeline(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad,
                                    @Parameter(description = "repeatable: only these types") @QueryParam("type") List<String> types,
                                    @Parameter(description = "EDTF: facts that may overlap from this date on", example = "2019")
                                    @QueryParam("from") String from,
                                    @Parameter(description = "EDTF: facts that may overlap up to this date", example = "2019-07")
                                    @QueryParam("to") String to,
                                    @Parameter(description = "only facts naming this actor in a role (visiting state, reporter, signatory ...)",
                                            example = "CHN") @QueryParam("actor") String actor,
                                    @Parameter(description = "only facts matching these words (full-text)", example = "Verhofstadt")
                                    @QueryParam("q") String text,
                                    @Parameter(description = "only facts this subject (a token's sub) recorded or corrected", example = "alice")
                                    @QueryParam("recordedBy") String recordedBy,
                                    @QueryParam("includeRetracted") @DefaultValue("false") boolean includeRetracted,
                                    @Parameter(description = "facts per page, 1 to 200 (default 50)") @QueryParam("limit") String limitParam,
                                    @QueryParam("cursor") String cursor) {
        for (String type : types) {
            if (EventType.byWireName(type).isEmpty()) {
                throw new InvalidParameterException("type", "'" + type + "' is not an event type; GET /schemas on event-service lists them");
            }
        }
        int limit = Periods.bounded("limit", limitParam, 50, 1, MAX_LIMIT);
        LocalDate fromDay = Periods.start("from", from);
        LocalDate toDay = Periods.end("to", to);
        TimelineCursor after = cursor == null || cursor.isBlank() ? null : TimelineCursor.decode(cursor);
        String actorCode = actor == null || actor.isBlank() ? null : actorCode(actor);
        String words = text == null || text.isBlank() ? null : text;
        return dyads.require(dyad).chain(known -> pool.preparedQuery(PAGE).execute(Tuple.from(Arrays.asList(
                        known.toString(), types.isEmpty() ? null : types.toArray(new String[0]), fromDay, toDay,
                        includeRetracted, after == null ? null : after.earliest(), after == null ? null : after.precisionRank(),
                        after == null ? null : after.factId(), limit + 1, actorCode, words,
                        recordedBy == null || recordedBy.isBlank() ? null : recordedBy)))
                .map(rows -> page(known.toString(), rows, limit)));
    }

    private static String actorCode(String actor) {
        try {
            return ActorCode.of(actor).code();
        } catch (InvalidDyadException e) {
            throw new InvalidParameterException("actor", e.getMessage());
        }
    }

    /** The rows, one more than the limit asked for: if it came, there is a next page after the last shown. */
    private static TimelinePage page(String id, RowSet<Row> rows, int limit) {
        List<TimelinePage.Fact> facts = new ArrayList<>(Math.min(rows.rowCount(), limit));
        TimelineCursor last = null;
        int n = 0;
        for (Row r : rows) {
            if (++n > limit) {
                break;
            }
            facts.add(item(r, id));
            LocalDate earliest = r.getLocalDate("earliest");
            LocalDate day = r.getString("occurred") == null ? TimelineCursor.UNDATED
                    : earliest == null ? TimelineCursor.OPEN_START : earliest;
            last = new TimelineCursor(day, r.getInteger("rank"), r.getString("fact_id"));
        }
        return new TimelinePage(id, facts, n > limit && last != null ? last.encode() : null);
    }

    /** A fact of the dyad, or of another dyad that concerns it ({@code recordedUnder} says which). */
    private static TimelinePage.Fact item(Row r, String dyad) {
        String recordedUnder = r.getString("recorded_under");
        return new TimelinePage.Fact(r.getString("fact_id"), r.getString("type"), r.getString("occurred"), r.getString("precision"),
                str(r.getLocalDate("earliest")), str(r.getLocalDate("latest")), r.getString("certainty"), r.getString("summary"),
                StoredJson.list(r.getJsonArray("sources")), r.getBoolean("retracted"), r.getInteger("revision"),
                r.getString("cameo"), r.getDouble("goldstein"), recordedUnder.equals(dyad) ? null : recordedUnder);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
