package io.bilateral.query.readmodel.register;

import io.bilateral.query.readmodel.dyad.KnownDyads;
import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
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
    public Uni<Memberships> memberships(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "MembershipChanged")).map(list -> {
            Map<String, Memberships.Standing> current = new LinkedHashMap<>();
            List<Memberships.Change> changes = new ArrayList<>(list.facts().size());
            for (StoredFact f : list.facts()) {
                String change = f.text("change");
                changes.add(new Memberships.Change(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(), f.sources(),
                        f.text("member"), f.text("organisation"), f.text("organisationCode"), f.text("ledBy"), change));
                boolean in = List.of("JOINED", "READMITTED").contains(change);
                current.put(f.text("member") + "|" + f.text("organisation"), new Memberships.Standing(f.text("member"),
                        f.text("organisation"), in ? "MEMBER" : change, f.occurred(), f.factId()));
            }
            return new Memberships(list.dyad().toString(), changes, List.copyOf(current.values()));
        });
    }

    @GET
    @Path("/measures")
    @Operation(summary = "Economic measures: sanctions, tariffs, bans, export controls, boycotts, customs obstruction; who imposes them on whom, when they started and were lifted")
    public Uni<Measures> measures(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, MeasureSteps.TYPE))
                .map(list -> new Measures(list.dyad().toString(), MeasureSteps.fold(list.facts())));
    }

    @GET
    @Path("/disputes")
    @Operation(summary = "Legal disputes by forum and case: the parties and each step (filed, panel, ruling, appeal, settled)")
    public Uni<Disputes> disputes(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, "LegalDispute")).map(list -> {
            Map<String, List<StoredFact>> cases = new LinkedHashMap<>();
            for (StoredFact f : list.facts()) {
                cases.computeIfAbsent(f.text("forum") + "|" + f.text("caseId"), k -> new ArrayList<>()).add(f);
            }
            return new Disputes(list.dyad().toString(), cases.values().stream().map(StandingResource::dispute).toList());
        });
    }

    /** A case from its steps in timeline order: the parties as the latest step states them (a third party may join later). */
    private static Disputes.Dispute dispute(List<StoredFact> steps) {
        StoredFact first = steps.get(0);
        StoredFact latest = steps.get(steps.size() - 1);
        JsonArray thirdParties = latest.event().getJsonArray("thirdParties", new JsonArray());
        @SuppressWarnings("unchecked")
        List<String> third = (List<String>) (List<?>) thirdParties.getList();
        return new Disputes.Dispute(first.text("forum"), first.text("caseId"), latest.text("complainant"), latest.text("respondent"),
                latest.text("onBehalfOf"), third, latest.text("step"),
                steps.stream().map(f -> new Disputes.Step(f.factId(), f.occurred(), f.precision(), f.certainty(), f.summary(),
                        f.sources(), f.text("step"), f.text("description"))).toList());
    }

    @GET
    @Path("/representation")
    @Operation(summary = "Representation: ambassadors appointed, recalled, expelled; the level at which each is represented in the other, over time and now")
    public Uni<Representation> representation(@Parameter(example = "CHN-LTU") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> facts.of(id, RepresentationLevels.TYPE)).map(list -> new Representation(
                list.dyad().toString(),
                list.facts().stream().map(f -> new Representation.Change(f.factId(), f.occurred(), f.precision(), f.certainty(),
                        f.summary(), f.sources(), f.text("sendingState"), f.text("receivingState"), f.text("action"), f.text("level"),
                        f.object("envoy"), f.event().getBoolean("bothWays"))).toList(),
                RepresentationLevels.fold(list.facts())));
    }
}
