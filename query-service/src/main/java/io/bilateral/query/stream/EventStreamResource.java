package io.bilateral.query.stream;

import io.bilateral.query.limit.ClientAddress;
import io.bilateral.query.config.StreamConfig;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;

/** {@code GET /events/stream}: the committed events as Server-Sent Events. */
@Path("/events/stream")
@Tag(name = "Event stream")
public class EventStreamResource {

    private final StreamHub hub;
    private final CommittedEvents events;
    private final StreamConfig config;

    EventStreamResource(StreamHub hub, CommittedEvents events, StreamConfig config) {
        this.hub = hub;
        this.events = events;
        this.config = config;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Subscribe to the committed events",
            description = "Server-Sent Events, one per event the read models committed, in commit order: `id:` is the "
                    + "event's position in this stream, `data:` the event as a CloudEvents JSON object. Resume with the "
                    + "`Last-Event-ID` header (EventSource sends it when it reconnects) or `from`. Comment lines every "
                    + "heartbeat interval; an `overflow` event (then the end of the stream) when the subscriber reads too "
                    + "slowly, with the position to resume from.")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "repeatable: only these dyads (either order)", example = "BEL-CHN") @QueryParam("dyad") List<String> dyads,
            @Parameter(description = "repeatable: only dyads of these actors", example = "CHN") @QueryParam("actor") List<String> actors,
            @Parameter(description = "repeatable: only these event types", example = "OfficialVisit") @QueryParam("type") List<String> types,
            @Parameter(description = "where to start: beginning, now (the default), or a position (an id of this stream)",
                    example = "beginning") @QueryParam("from") String from,
            @Parameter(description = "the last id received; wins over from") @HeaderParam(StreamStart.HEADER) String lastEventId,
            @Context Sse sse, @Context HttpServerRequest request) {
        // Both checked here, before the stream opens: a bad one is a 400 problem, not a broken stream.
        StreamFilter filter = StreamFilter.parse(dyads, actors, types);
        StreamStart start = StreamStart.of(lastEventId, from);
        String client = ClientAddress.of(request);
        // Refused here, as a problem with Retry-After, before anything of the stream is sent.
        hub.admit(client);
        Subscription subscription = new Subscription(hub, events, config, sse, filter, start, client, () -> cutOff(request));
        return RestMulti.fromMultiData(subscription.events())
                // Proxies must pass each event on at once, not buffer the response.
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    /** Where the stream ends now: a page reads it before its first read, then subscribes from it, and misses nothing in between. */
    public record Position(long position) {
    }

    @GET
    @Path("/position")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The stream's position now",
            description = "Every event up to it is committed. Subscribing with `from` set to it, after reading the read models, "
                    + "delivers everything committed since, also after a reconnection that had no event id yet.")
    public io.smallrye.mutiny.Uni<Position> position() {
        return events.head().map(Position::new);
    }

    /**
     * Closes the subscriber's connection now. Vert.x's close() (and its handler in the Netty
     * pipeline) first flushes what is pending and closes once that write completes, which never
     * happens for a subscriber that stopped reading: so the close starts below that handler.
     * Vert.x 4 has no public call for that (eclipse-vertx/vert.x#5271: {@code connection().close()}
     * waits for the client), hence its internal {@code ConnectionBase}, the one internal API in
     * production code; {@code SlowSubscriberTest} fails if an upgrade changes it. The other public
     * way, the server's idle timeout, would close every idle keep-alive connection too.
     */
    private static void cutOff(HttpServerRequest request) {
        if (request.connection() instanceof io.vertx.core.net.impl.ConnectionBase connection) {
            connection.channel().pipeline().firstContext().close();
        } else {
            request.connection().close();
        }
    }
}
