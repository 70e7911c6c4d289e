package io.bilateral.query.readmodel.dyad;

import io.bilateral.query.rest.Periods;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/** Every dyad on record; one dyad's summary is {@link DyadSummaryResource}. */
@Path("/dyads")
@Produces(MediaType.APPLICATION_JSON)
public class DyadResource {

    private final DyadList list;

    DyadResource(DyadList list) {
        this.list = list;
    }

    @GET
    @Operation(summary = "Every dyad on record, the most recently active first", description = "Its actors with their names, "
            + "its number of current facts and when a fact was last recorded.")
    public Uni<List<DyadList.Entry>> dyads(@Parameter(description = "dyads, 1 to 1000 (default 200)") @QueryParam("limit") String limit) {
        return list.latest(Periods.bounded("limit", limit, 200, 1, 1000));
    }
}
