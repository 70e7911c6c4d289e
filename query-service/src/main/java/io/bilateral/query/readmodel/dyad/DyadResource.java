package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.readmodel.register.FactsOfTypes;
import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.bilateral.query.readmodel.register.MissionPosts;
import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.stream.Stream;

/** The dyad summary. {@code {dyad}} takes either order: CHN-BEL is BEL-CHN. */
@Path("/dyads")
@Produces(MediaType.APPLICATION_JSON)
public class DyadResource {

    public static final String BALANCE = """
            SELECT count(*) FILTER (WHERE goldstein > 0) AS cooperative, COALESCE(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS cooperation,
                   count(*) FILTER (WHERE goldstein < 0) AS conflictual, COALESCE(sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS conflict
            FROM facts WHERE dyad = $1 AND NOT retracted""";
    private static final String[] GLANCE_TYPES = Stream.concat(
            Stream.of("DiplomaticRelationsEstablished", "DiplomaticRelationsChanged", "OfficialVisit", "TradeStatisticReported"),
            Stream.of(MissionPosts.TYPES)).toArray(String[]::new);

    private final DyadRepository dyads;
    private final FactsOfTypes facts;
    private final Pool pool;

    DyadResource(DyadRepository dyads, FactsOfTypes facts, Pool pool) {
        this.dyads = dyads;
        this.facts = facts;
        this.pool = pool;
    }

    @GET
    @Path("/{dyad}")
    @Operation(summary = "Summary of a relation", description = "Relations since, current status, open missions, latest visit "
            + "and trade figure, fact counts by type, cooperation–conflict balance, first and last recorded.")
    public Uni<DyadSummary> summary(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        DyadId id = DyadId.parse(dyad);
        String key = id.toString();
        return dyads.findByDyad(key)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no facts recorded for dyad " + key))
                .chain(row -> dyads.relationsSince(key)
                        .chain(since -> dyads.countFactsByType(key)
                                .chain(counts -> facts.of(id, GLANCE_TYPES)
                                        .chain(glance -> balance(key)
                                                .map(balance -> DyadSummary.of(row, since, fromFacts(glance.facts()), counts, balance))))));
    }

    /** Status, missions, latest visit and trade: the facts come in date order, so the last of a kind is the latest. */
    private static DyadSummary.FromFacts fromFacts(List<StoredFact> glance) {
        String status = null;
        JsonObject visit = null;
        JsonObject trade = null;
        for (StoredFact f : glance) {
            switch (f.type()) {
                case "DiplomaticRelationsEstablished" -> status = "ESTABLISHED";
                case "DiplomaticRelationsChanged" -> status = f.event().getString("change");
                case "OfficialVisit" -> visit = new JsonObject().put("factId", f.factId()).put("occurred", f.occurred())
                        .put("visitor", f.event().getJsonObject("visitor").getString("name"))
                        .put("office", f.event().getString("office")).put("visitingState", f.event().getString("visitingState"));
                case "TradeStatisticReported" -> trade = new JsonObject().put("factId", f.factId()).put("occurred", f.occurred())
                        .put("flow", f.event().getString("flow")).put("value", f.event().getValue("value"))
                        .put("currency", f.event().getString("currency")).put("qualifier", f.event().getString("qualifier"));
                default -> { }
            }
        }
        List<StoredFact> missions = glance.stream().filter(f -> List.of(MissionPosts.TYPES).contains(f.type())).toList();
        int open = (int) MissionPosts.fold(missions).stream().filter(p -> "OPEN".equals(p.getString("status"))).count();
        return new DyadSummary.FromFacts(status, open, visit, trade);
    }

    private Uni<DyadSummary.Balance> balance(String dyad) {
        return pool.preparedQuery(BALANCE).execute(Tuple.of(dyad)).map(rows -> {
            Row r = rows.iterator().next();
            double cooperation = round(r.getDouble("cooperation"));
            double conflict = round(r.getDouble("conflict"));
            return new DyadSummary.Balance(r.getLong("cooperative"), cooperation, r.getLong("conflictual"), conflict,
                    round(cooperation + conflict));
        });
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
