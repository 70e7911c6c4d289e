package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.StoredJson;
import io.bilateral.query.readmodel.dyad.KnownDyads;
import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.bilateral.query.rest.Periods;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/**
 * The registers of a relation: visits, missions, trade figures and incidents, each an
 * answer to a question users ask ("who visited whom, in which office, when?"), every entry
 * with its date, precision and sources. {@code {dyad}} takes either order.
 */
@Path("/dyads/{dyad}")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    private final FactsOfTypes facts;
    private final KnownDyads dyads;

    RegisterResource(FactsOfTypes facts, KnownDyads dyads) {
        this.facts = facts;
        this.dyads = dyads;
    }

    @GET
    @Path("/visits")
    @Operation(summary = "Visit register: who visited whom, in which office, when")
    public Uni<Visits> visits(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "OfficialVisit")).map(list -> new Visits(list.dyad().toString(),
                list.facts().stream().map(f -> new Visits.Visit(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(),
                        f.sources(), f.object("visitor"), f.text("office"), f.text("visitingState"), f.text("hostState"))).toList()));
    }

    @GET
    @Path("/trade")
    @Operation(summary = "Trade series: value by period and flow, with currency, qualifier, rank, share, growth and reporter")
    public Uni<TradeFigures> trade(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "TradeStatisticReported")).map(list -> new TradeFigures(list.dyad().toString(),
                list.facts().stream().map(f -> {
                    JsonObject e = f.event();
                    return new TradeFigures.Figure(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(), f.sources(),
                            f.text("reporter"), f.text("partner"), f.text("flow"), StoredJson.number(e.getValue("value")),
                            f.text("currency"), f.text("qualifier"), rank(e.getValue("partnerRank")),
                            StoredJson.number(e.getValue("sharePercent")), StoredJson.number(e.getValue("averageAnnualGrowthPercent")));
                }).toList()));
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Incident log: espionage, cyber incidents, sanctions and summons, with certainty")
    public Uni<IncidentLog> incidents(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad,
                                      @Parameter(description = "EDTF: incidents that may have happened on or after it (by activity, else disclosure)",
                                              example = "2023") @QueryParam("from") String from) {
        java.time.LocalDate since = Periods.start("from", from);
        return dyads.require(dyad).chain(id -> facts.since(id, since, "EspionageAllegation", "CyberIncident", "PersonalSanction", "DiplomatSummoned"))
                .map(list -> new IncidentLog(list.dyad().toString(), list.facts().stream()
                        .map(f -> incident(f, respondingTo(f.factId(), list.facts()))).toList()));
    }

    private static Integer rank(Object stored) {
        Number n = StoredJson.number(stored);
        return n == null ? null : n.intValue();
    }

    private static IncidentLog.Incident incident(StoredFact f, List<String> responses) {
        JsonArray targets = f.event().getJsonArray("targets");
        return new IncidentLog.Incident(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(), f.sources(),
                f.type(), f.text("disclosed"), f.text("accused"), f.text("accuser"), f.text("reportedBy"), f.text("accusedAgency"),
                f.text("kind"), targets == null ? null : targets.getList(), f.text("threatActor"), f.text("attributedTo"),
                f.text("imposedBy"), f.object("target"), f.text("targetOffice"), f.text("measure"), f.text("duration"),
                f.text("reason"), f.text("summonedBy"), f.text("envoyOf"), f.object("envoy"), f.text("envoyTitle"),
                f.text("respondsTo"), responses);
    }

    /** The incidents of the log that respond to this one (a summons answering a hack). */
    private static List<String> respondingTo(String factId, List<StoredFact> log) {
        return log.stream().filter(other -> factId.equals(other.text("respondsTo"))).map(StoredFact::factId).toList();
    }

    @GET
    @Path("/missions")
    @Operation(summary = "Missions: which state keeps which mission in which city, since when, and whether it is open")
    public Uni<Missions> missions(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, MissionPosts.TYPES))
                .map(list -> new Missions(list.dyad().toString(), MissionPosts.fold(list.facts())));
    }
}
