package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.readmodel.StoredJson;
import io.bilateral.query.readmodel.register.FactsOfTypes;
import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.bilateral.query.readmodel.register.MissionPosts;
import io.bilateral.query.readmodel.register.Representation;
import io.bilateral.query.readmodel.register.RepresentationLevels;
import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.Map;

/**
 * The dyad summary. {@code {dyad}} takes either order: CHN-BEL is BEL-CHN.
 *
 * <p>At the class path of the other reads of one dyad ({@code /dyads/{dyad}}), not at
 * {@code /dyads}: RESTEasy matches the longest class path first, and a summary request routed
 * there found no method and started its routing again, building a new mapper each time (6.8 %
 * of the allocation of the read peaks; BENCHMARKS.md, "Levers tried: 2026-12-04").
 */
@Path("/dyads/{dyad}")
@Produces(MediaType.APPLICATION_JSON)
public class DyadSummaryResource {

    private final DyadRepository dyads;
    private final DyadGlance glance;
    private final FactsOfTypes facts;

    DyadSummaryResource(DyadRepository dyads, DyadGlance glance, FactsOfTypes facts) {
        this.dyads = dyads;
        this.glance = glance;
        this.facts = facts;
    }

    /** The dyad's row, and since when relations exist (null when there is none). */
    private record Found(DyadRow row, DyadSummary.RelationsSince since) {
    }

    @GET
    @Operation(summary = "Summary of a relation", description = "Relations since, current status, level of representation each way, open missions, latest visit "
            + "and trade figure, fact counts by type, cooperation–conflict balance, first and last recorded.")
    public Uni<DyadSummary> summary(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        DyadId id = DyadId.parse(dyad);
        String key = id.toString();
        // Independent reads, on their own connections at once: the answer waits for the slowest, not their sum.
        Uni<Found> found = dyads.findByDyad(key)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no facts recorded for dyad " + key))
                .chain(row -> dyads.relationsSince(key).map(since -> new Found(row, since)));
        return Uni.combine().all().unis(found, glance.counts(key), glance.latest(key), facts.of(id, MissionPosts.TYPES),
                        facts.of(id, RepresentationLevels.TYPE))
                .with((f, counts, latest, missions, representation) -> DyadSummary.of(f.row(), f.since(),
                        fromFacts(latest, missions.facts(), RepresentationLevels.fold(representation.facts())), counts.byType(), counts.balance()));
    }

    /** Status, latest visit and trade from the latest facts of their kinds; open missions from all mission facts. */
    private static DyadSummary.FromFacts fromFacts(Map<String, StoredFact> latest, List<StoredFact> missions,
                                                   List<Representation.Level> representation) {
        StoredFact status = latest.get("status");
        StoredFact visit = latest.get("visit");
        StoredFact trade = latest.get("trade");
        int open = (int) MissionPosts.fold(missions).stream().filter(p -> "OPEN".equals(p.status())).count();
        return new DyadSummary.FromFacts(
                status == null ? null : "DiplomaticRelationsEstablished".equals(status.type()) ? "ESTABLISHED" : status.text("change"),
                representation, open,
                visit == null ? null : new DyadSummary.LatestVisit(visit.factId(), visit.occurred(),
                        visit.event().getJsonObject("visitor").getString("name"), visit.text("office"), visit.text("visitingState")),
                trade == null ? null : new DyadSummary.LatestTrade(trade.factId(), trade.occurred(), trade.text("flow"),
                        StoredJson.number(trade.event().getValue("value")), trade.text("currency"), trade.text("qualifier")));
    }
}
