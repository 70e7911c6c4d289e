package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The dyad summary. {@code {dyad}} takes either order: CHN-BEL is BEL-CHN. */
@Path("/dyads")
@Produces(MediaType.APPLICATION_JSON)
public class DyadResource {

    private final DyadRepository dyads;

    DyadResource(DyadRepository dyads) {
        this.dyads = dyads;
    }

    @GET
    @Path("/{dyad}")
    @Operation(summary = "Summary of a relation", description = "Relations since, fact counts by type, first and last recorded.")
    public Uni<DyadSummary> summary(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        String id = DyadId.parse(dyad).toString();
        return dyads.findByDyad(id)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no facts recorded for dyad " + id))
                .chain(row -> dyads.relationsSince(id).chain(since ->
                        dyads.countFactsByType(id).map(counts -> DyadSummary.of(row, since, counts))));
    }
}
