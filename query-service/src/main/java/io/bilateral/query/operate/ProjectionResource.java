package io.bilateral.query.operate;

import io.bilateral.events.actor.DyadId;
import io.bilateral.query.project.LagMonitor;
import io.bilateral.query.project.ParkingLot;
import io.bilateral.query.project.ProjectionConsumer;
import io.bilateral.query.project.Projector;
import io.bilateral.query.project.Rebuild;
import io.bilateral.query.rest.InvalidParameterException;
import io.bilateral.query.rest.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The projection as an operator sees it: how far behind the log it is, which events are
 * parked and why, and the levers: retry or skip a parked dyad, pause and resume this
 * instance. Everything but the status needs the {@code admin} role.
 */
@Path("/projection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projection (operators)")
public class ProjectionResource {

    private static final Set<String> STATUSES = Set.of("poison", "held", "skipped");

    private final ProjectionConsumer consumer;
    private final LagMonitor lag;
    private final ParkingLot parking;
    private final Projector projector;
    private final Pool pool;
    private final Rebuild rebuild;

    ProjectionResource(ProjectionConsumer consumer, LagMonitor lag, ParkingLot parking, Projector projector, Pool pool,
                       Rebuild rebuild) {
        this.rebuild = rebuild;
        this.consumer = consumer;
        this.lag = lag;
        this.parking = parking;
        this.projector = projector;
        this.pool = pool;
    }

    /**
     * The status of the projection as a whole, and of each partition of the log. {@code state}
     * is the projection thread's, except {@code LOG_UNREACHABLE} while it runs but the log
     * cannot be read (then {@code lastError} says since when and why, and the lag figures are
     * those measured at {@code measuredAt}, before the outage). {@code searchLagEvents}: events
     * committed to the read models that full-text search does not cover yet.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ProjectionStatus")
    public record Status(String state, String lastError, List<Integer> partitionsHere, Instant measuredAt,
                         String measureError, long lagEvents, double lagSeconds, long parkedEvents,
                         long searchLagEvents, List<LagMonitor.PartitionLag> partitions) {
    }

    @GET
    @Path("/status")
    @Operation(summary = "How far the read models are behind the log, per partition; parked counts; this instance's state")
    public Status status() {
        LagMonitor.Measurement m = lag.last();
        LagMonitor.LogOutage outage = lag.logOutage();
        ProjectionConsumer.State state = consumer.state();
        boolean cutOff = outage != null && state == ProjectionConsumer.State.RUNNING;
        String lastError = consumer.lastError() != null ? consumer.lastError()
                : outage != null ? "cannot read the log since " + outage.since() + ": " + outage.reason() : null;
        return new Status(cutOff ? "LOG_UNREACHABLE" : state.name(), lastError, List.copyOf(consumer.assignedPartitions()),
                m.measuredAt(), m.error(), m.lagEvents(), m.lagSeconds(), m.parked(), m.searchLagEvents(), m.partitions());
    }

    @GET
    @Path("/rebuild")
    @Operation(summary = "The state of the last rebuild of the read models started on this instance")
    public Rebuild.Status rebuildStatus() {
        return rebuild.status();
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed("admin")
    @Operation(summary = "Replays the whole log into fresh tables while the current ones serve, then swaps them in at once")
    public jakarta.ws.rs.core.Response startRebuild() {
        return jakarta.ws.rs.core.Response.accepted(rebuild.start()).build();
    }

    @GET
    @Path("/parked")
    @RolesAllowed("admin")
    @Operation(summary = "Parked events, oldest first, with the reason and stack trace")
    public Uni<List<ParkingLot.Parked>> parked(@QueryParam("dyad") String dyad, @QueryParam("status") String status,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "must be one of poison, held, skipped");
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidParameterException("limit", "must be between 1 and 1000");
        }
        return parking.list(pool, dyad == null ? null : dyadKey(dyad), status, limit);
    }

    @POST
    @Path("/parked/{dyad}/retry")
    @RolesAllowed("admin")
    @Operation(summary = "Applies the dyad's parked events in log order (after a fix), until one fails again")
    public Uni<Projector.Drained> retry(@PathParam("dyad") String dyad) {
        return drain(dyadKey(dyad), false);
    }

    @POST
    @Path("/parked/{dyad}/skip")
    @RolesAllowed("admin")
    @Operation(summary = "Leaves the dyad's poison event out of the read models, then applies the events held behind it")
    public Uni<Projector.Drained> skip(@PathParam("dyad") String dyad) {
        return drain(dyadKey(dyad), true);
    }

    @POST
    @Path("/pause")
    @RolesAllowed("admin")
    @Operation(summary = "Stops applying events on this instance (it keeps its partitions); answers once paused, or after 10 s")
    public Status pause() {
        consumer.pause(Duration.ofSeconds(10));
        return status();
    }

    @POST
    @Path("/resume")
    @RolesAllowed("admin")
    @Operation(summary = "Applies events again on this instance")
    public Status resume() {
        consumer.resume();
        return status();
    }

    private Uni<Projector.Drained> drain(String dyad, boolean skip) {
        // A rebuild replays the log into tables of its own, with parked events of its own: a
        // retry or skip now would be undone by the swap.
        return rebuild.inProgress().chain(rebuilding -> rebuilding
                ? Uni.createFrom().failure(new jakarta.ws.rs.WebApplicationException(
                        "a rebuild of the read models is in progress (GET /projection/rebuild); retry or skip after it", 409))
                : parking.list(pool, dyad, null, 1000)).chain(parked -> {
            if (parked.stream().allMatch(p -> "skipped".equals(p.status()))) {
                return Uni.createFrom().failure(new NotFoundProblem("dyad " + dyad + " has no parked events"));
            }
            return projector.drain(dyad, skip);
        });
    }

    /** Records are keyed by the dyad's canonical id; a key that is not a dyad is taken as it is. */
    private static String dyadKey(String dyad) {
        try {
            return DyadId.parse(dyad).toString();
        } catch (RuntimeException notADyad) {
            return dyad;
        }
    }
}
