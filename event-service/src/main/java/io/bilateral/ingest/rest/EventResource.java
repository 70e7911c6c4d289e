package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.ingest.publish.EventPublisher;
import io.bilateral.ingest.validate.SubmissionReader;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;

/** Accepts facts: validates, publishes, and answers once the log has them. */
@Path("/events")
public class EventResource {

    static final String EXAMPLE = """
            {
              "type": "DiplomaticRelationsEstablished",
              "dyad": "BEL-CHN",
              "occurred": "1971-10-25",
              "certainty": "CONFIRMED",
              "sources": [{
                "url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
                "title": "Belgium–China relations", "publisher": "Wikipedia", "locator": "History"
              }]
            }""";

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());
    private final EventPublisher publisher;

    EventResource(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record one fact",
            description = "Validates the event and publishes it to the log; answers 202 once the broker acknowledged it.")
    @APIResponse(responseCode = "202", description = "In the log, at the returned partition and offset")
    @APIResponse(responseCode = "400", description = "Invalid event: problem+json naming each field")
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time: not accepted")
    public Uni<Response> post(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "relations established", value = EXAMPLE))) String body) {
        EventEnvelope event = reader.read(body);
        return publisher.publish(event)
                .map(position -> Response.accepted(Accepted.of(event, position)).build());
    }
}
