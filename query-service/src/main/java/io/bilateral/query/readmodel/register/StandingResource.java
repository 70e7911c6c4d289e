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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registers of what a relation's standing is made of: memberships of formats and
 * organisations, economic measures, legal disputes and the level of representation, each
 * folded from its facts in timeline order (current facts only). {@code {dyad}} takes either order.
 */
@Path("/dyads/{dyad}")
@Produces(MediaType.APPLICATION_JSON)
public class StandingResource {

    private final FactsOfTypes facts;
    private final KnownDyads dyads;

    StandingResource(FactsOfTypes facts, KnownDyads dyads) {
        this.facts = facts;
        this.dyads = dyads;
    }

    @GET
    @Path("/memberships")
    @Operation(summary = "Memberships: who joined, left, was suspended from or readmitted to which format or organisation, and where each stands now")
    public Uni<JsonObject> memberships(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "MembershipChanged")).map(list -> {
            Map<String, JsonObject> current = new LinkedHashMap<>();
            JsonArray changes = new JsonArray();
            for (StoredFact f : list.facts()) {
                JsonObject e = f.event();
                changes.add(RegisterResource.entry(f).put("member", e.getString("member")).put("organisation", e.getString("organisation"))
                        .put("organisationCode", e.getString("organisationCode")).put("ledBy", e.getString("ledBy"))
                        .put("change", e.getString("change")));
                boolean in = List.of("JOINED", "READMITTED").contains(e.getString("change"));
                current.put(e.getString("member") + "|" + e.getString("organisation"), new JsonObject().put("member", e.getString("member"))
                        .put("organisation", e.getString("organisation")).put("status", in ? "MEMBER" : e.getString("change"))
                        .put("since", f.occurred()).put("factId", f.factId()));
            }
            return new JsonObject().put("dyad", list.dyad().toString()).put("memberships", changes)
                    .put("current", new JsonArray(List.copyOf(current.values())));
        });
    }

    @GET
    @Path("/measures")
    @Operation(summary = "Economic measures: sanctions, tariffs, bans, export controls, boycotts, customs obstruction; who imposes them on whom, when they started and were lifted")
    public Uni<JsonObject> measures(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, MeasureSteps.TYPE)).map(list -> new JsonObject()
                .put("dyad", list.dyad().toString()).put("measures", new JsonArray(MeasureSteps.fold(list.facts()))));
    }

    @GET
    @Path("/disputes")
    @Operation(summary = "Legal disputes by forum and case: the parties and each step (filed, panel, ruling, appeal, settled)")
    public Uni<JsonObject> disputes(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "LegalDispute")).map(list -> {
            Map<String, JsonObject> cases = new LinkedHashMap<>();
            for (StoredFact f : list.facts()) {
                JsonObject e = f.event();
                JsonObject dispute = cases.computeIfAbsent(e.getString("forum") + "|" + e.getString("caseId"),
                        k -> new JsonObject().put("forum", e.getString("forum")).put("caseId", e.getString("caseId")).put("steps", new JsonArray()));
                // The parties as the latest step states them (a third party may join later).
                dispute.put("complainant", e.getString("complainant")).put("respondent", e.getString("respondent"))
                        .put("onBehalfOf", e.getString("onBehalfOf")).put("thirdParties", e.getJsonArray("thirdParties", new JsonArray()))
                        .put("currentStep", e.getString("step"));
                dispute.getJsonArray("steps").add(RegisterResource.entry(f).put("step", e.getString("step")).put("description", e.getString("description")));
            }
            return new JsonObject().put("dyad", list.dyad().toString()).put("disputes", new JsonArray(List.copyOf(cases.values())));
        });
    }

    @GET
    @Path("/representation")
    @Operation(summary = "Representation: ambassadors appointed, recalled, expelled; the level at which each is represented in the other, over time and now")
    public Uni<JsonObject> representation(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, RepresentationLevels.TYPE)).map(list -> new JsonObject()
                .put("dyad", list.dyad().toString())
                .put("changes", new JsonArray(list.facts().stream().map(f -> {
                    JsonObject e = f.event();
                    return RegisterResource.entry(f).put("sendingState", e.getString("sendingState"))
                            .put("receivingState", e.getString("receivingState")).put("action", e.getString("action"))
                            .put("level", e.getString("level")).put("envoy", e.getJsonObject("envoy")).put("bothWays", e.getBoolean("bothWays"));
                }).toList()))
                .put("current", new JsonArray(RepresentationLevels.fold(list.facts()))));
    }
}
