package io.bilateral.query.readmodel.register;

import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;
import io.bilateral.query.rest.InvalidParameterException;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The actors a fact may name (states, former states with their years, organisations), and the
 * country view: every dyad of one actor that has facts (served by the dyads' actor indexes).
 */
@Path("/actors")
@Produces(MediaType.APPLICATION_JSON)
public class ActorResource {

    public static final String DYADS = """
            SELECT d.dyad, CASE WHEN d.first_actor = $1 THEN d.second_actor ELSE d.first_actor END AS other,
                   d.last_recorded_at,
                   (SELECT count(*) FROM facts f WHERE f.dyad = d.dyad AND NOT f.retracted) AS facts
            FROM dyads d WHERE d.first_actor = $1 OR d.second_actor = $1 ORDER BY d.dyad""";

    private final Pool pool;

    ActorResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Every actor a fact may name: states (ISO 3166-1 and XKX), former states with the years they existed, organisations")
    public List<Actor> actors(@Parameter(description = "only this kind: STATE, FORMER_STATE or ORGANISATION") @QueryParam("kind") String kind) {
        Actor.Kind only = kind == null || kind.isBlank() ? null : kindOf(kind);
        return Actors.all().values().stream().filter(a -> only == null || a.kind() == only)
                .sorted(java.util.Comparator.comparing(Actor::code)).toList();
    }

    private static Actor.Kind kindOf(String kind) {
        try {
            return Actor.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("kind", "'" + kind + "' is not one of STATE, FORMER_STATE, ORGANISATION");
        }
    }

    @GET
    @Path("/{code}/dyads")
    @Operation(summary = "Every dyad of one actor, with the other actor and its number of current facts")
    public Uni<ActorDyads> dyads(@PathParam("code") String code) {
        ActorCode actor = ActorCode.of(code);
        return pool.preparedQuery(DYADS).execute(Tuple.of(actor.code())).map(rows -> {
            List<ActorDyads.Dyad> dyads = new ArrayList<>(rows.rowCount());
            rows.forEach(r -> dyads.add(new ActorDyads.Dyad(r.getString("dyad"), r.getString("other"),
                    Actors.find(r.getString("other")).map(Actor::name).orElse(null), r.getLong("facts"),
                    r.getOffsetDateTime("last_recorded_at").toString())));
            return new ActorDyads(actor.code(), Actors.find(actor.code()).map(Actor::name).orElse(null), dyads);
        });
    }
}
