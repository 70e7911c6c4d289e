package io.bilateral.query.readmodel.people;

import io.bilateral.query.readmodel.dyad.KnownDyads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The people of one relation and their roles (see {@link PeopleResource} for what counts as a role). */
@Path("/dyads/{dyad}/people")
@Produces(MediaType.APPLICATION_JSON)
public class DyadPeopleResource {

    private final Pool pool;
    private final KnownDyads dyads;

    DyadPeopleResource(Pool pool, KnownDyads dyads) {
        this.pool = pool;
        this.dyads = dyads;
    }

    @GET
    @Operation(summary = "The people of a relation and their roles, in date order")
    public Uni<PersonRoles.OfDyad> people(@Parameter(example = "BEL-CHN") @PathParam("dyad") String dyad) {
        return dyads.require(dyad).chain(id -> pool.preparedQuery(PeopleResource.PEOPLE).execute(Tuple.of(id.toString(), null))
                .map(rows -> new PersonRoles.OfDyad(id.toString(), PeopleResource.group(rows))));
    }
}
