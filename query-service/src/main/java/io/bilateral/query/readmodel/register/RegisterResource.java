package io.bilateral.query.readmodel.register;

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
    public Uni<JsonObject> visits(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "OfficialVisit")).map(list -> register(list, "visits", list.facts().stream().map(f -> entry(f)
                .put("visitor", f.event().getJsonObject("visitor"))
                .put("office", f.event().getString("office"))
                .put("visitingState", f.event().getString("visitingState"))
                .put("hostState", f.event().getString("hostState"))).toList()));
    }

    @GET
    @Path("/trade")
    @Operation(summary = "Trade series: value by period and flow, with currency, qualifier, rank, share, growth and reporter")
    public Uni<JsonObject> trade(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "TradeStatisticReported")).map(list -> register(list, "trade", list.facts().stream().map(f -> entry(f)
                .put("reporter", f.event().getString("reporter")).put("partner", f.event().getString("partner"))
                .put("flow", f.event().getString("flow")).put("value", f.event().getValue("value"))
                .put("currency", f.event().getString("currency")).put("qualifier", f.event().getString("qualifier"))
                .put("partnerRank", f.event().getValue("partnerRank")).put("sharePercent", f.event().getValue("sharePercent"))
                .put("averageAnnualGrowthPercent", f.event().getValue("averageAnnualGrowthPercent"))).toList()));
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Incident log: espionage, cyber incidents, sanctions and summons, with certainty")
    public Uni<JsonObject> incidents(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad,
                                     @Parameter(description = "EDTF: incidents that may have happened on or after it (by activity, else disclosure)",
                                             example = "2023") @QueryParam("from") String from) {
        java.time.LocalDate since = Periods.start("from", from);
        return dyads.require(dyad).chain(id -> facts.since(id, since, "EspionageAllegation", "CyberIncident", "PersonalSanction", "DiplomatSummoned"))
                .map(list -> register(list, "incidents", list.facts().stream().map(f -> {
                    JsonObject e = f.event();
                    JsonObject entry = entry(f).put("type", f.type()).put("disclosed", e.getString("disclosed"));
                    for (String field : List.of("accused", "accuser", "reportedBy", "accusedAgency", "kind", "targets",
                            "threatActor", "attributedTo", "imposedBy", "target", "targetOffice", "measure", "duration",
                            "reason", "summonedBy", "envoyOf", "envoy", "envoyTitle", "respondsTo")) {
                        if (e.containsKey(field)) {
                            entry.put(field, e.getValue(field));
                        }
                    }
                    return entry;
                }).toList())).map(RegisterResource::linkResponses);
    }

    @GET
    @Path("/missions")
    @Operation(summary = "Missions: which state keeps which mission in which city, since when, and whether it is open")
    public Uni<JsonObject> missions(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, MissionPosts.TYPES))
                .map(list -> register(list, "missions", MissionPosts.fold(list.facts())));
    }

    /** Each incident lists the incidents of the log that respond to it (a summons answering a hack). */
    private static JsonObject linkResponses(JsonObject log) {
        JsonArray incidents = log.getJsonArray("incidents");
        for (int i = 0; i < incidents.size(); i++) {
            JsonObject incident = incidents.getJsonObject(i);
            JsonArray responses = new JsonArray();
            for (int j = 0; j < incidents.size(); j++) {
                if (incident.getString("factId").equals(incidents.getJsonObject(j).getString("respondsTo"))) {
                    responses.add(incidents.getJsonObject(j).getString("factId"));
                }
            }
            incident.put("responses", responses);
        }
        return log;
    }

    static JsonObject entry(StoredFact f) {
        return new JsonObject().put("factId", f.factId()).put("occurred", f.occurred()).put("precision", f.precision())
                .put("certainty", f.event().getString("certainty")).put("summary", f.event().getString("summary"))
                .put("sources", f.event().getJsonArray("sources"));
    }

    private static JsonObject register(FactsOfTypes.Listed list, String name, List<JsonObject> entries) {
        return new JsonObject().put("dyad", list.dyad().toString()).put(name, new JsonArray(entries));
    }
}
