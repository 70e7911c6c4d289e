package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.ingest.config.IngestConfig;
import io.bilateral.ingest.limit.InFlight;
import io.bilateral.ingest.publish.BatchPublisher;
import io.bilateral.ingest.publish.BatchSpool;
import io.bilateral.ingest.publish.EventPublisher;
import io.bilateral.ingest.validate.BatchReader;
import io.bilateral.ingest.validate.LimitedInputStream;
import io.bilateral.ingest.validate.JsonLimits;
import io.bilateral.ingest.validate.SubmissionReader;
import io.bilateral.ingest.validate.ValidationPool;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.bilateral.events.envelope.RecordedBy;
import io.bilateral.ingest.auth.Submitter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Accepts facts: validates, publishes, and answers once the log has them. Writing needs the editor role. */
@Path("/events")
public class EventResource {

    public static final String NDJSON = "application/x-ndjson";
    /** The role (JWT groups claim) that may record facts. */
    public static final String EDITOR = "editor";


    private final SubmissionReader reader;
    private final EventPublisher publisher;
    private final BatchPublisher batches;
    private final IngestConfig config;
    private final Submitter submitter;
    private final ValidationPool validation;
    private final InFlight inFlight;

    EventResource(EventPublisher publisher, BatchPublisher batches, IngestConfig config, Submitter submitter, ValidationPool validation,
                  InFlight inFlight) {
        this.submitter = submitter;
        this.validation = validation;
        this.inFlight = inFlight;
        this.reader = new SubmissionReader(Clock.systemUTC(), new JsonLimits(config.limits().maxJsonDepth(),
                config.limits().maxNumberChars(), config.limits().maxStringChars()));
        this.publisher = publisher;
        this.batches = batches;
        this.config = config;
    }

    /*
     * Not @Blocking: Quarkus REST reads a body of up to quarkus.rest.input-buffer-size (10 KiB) on
     * the event loop and calls this there, so a fact of usual size is read, validated and handed
     * to the producer without a worker waiting for its body (that wait and its wake-ups were a
     * tenth of event-service's CPU under single POSTs; BENCHMARKS.md). A larger body is read on a
     * worker through a blocking stream. Nothing here waits on an event loop: a body not read whole
     * yet, and memory that is not free now, are waited for on a worker, and the producer's send()
     * is moved to one by EventPublisher whenever it might wait.
     */
    @POST
    @NonBlocking
    @RolesAllowed(EDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record one fact",
            description = "Validates the event and publishes it to the log; answers 202 once the broker acknowledged it. "
                    + "GET /schemas lists every type's fields.")
    @APIResponse(responseCode = "202", description = "In the log, at the returned partition and offset",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid event: problem+json naming each field")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the editor role")
    @APIResponse(responseCode = "413", description = "Body larger than bilateral.limits.max-event-bytes")
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time, or the writes in progress hold "
            + "all the memory set aside for them: not accepted; Retry-After says when to try again")
    public Uni<Response> post(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                              @RequestBody(description = "One event; an example of every type is listed",
                                      content = @Content(mediaType = MediaType.APPLICATION_JSON)) InputStream body) {
        long max = config.limits().maxEventBytes().asLongValue();
        long expected = length == null || length < 0 ? max : Math.min(length, max);
        RecordedBy who = submitter.recordedBy();
        // Memory is taken before the event is parsed, for as long as it is held: until the broker's answer.
        if (!Context.isOnEventLoopThread()) {
            return accept(inFlight.event(expected), body, who);
        }
        // A body Quarkus REST read whole comes as a ByteArrayInputStream; any other stream may
        // still wait for bytes (a body past the buffer can reach this on the event loop too).
        InFlight.Held memory = body instanceof ByteArrayInputStream ? inFlight.eventIfFree(expected) : null;
        if (memory != null) {
            return accept(memory, body, who);
        }
        // The body still arriving, or no memory free now: read it, or wait for the memory (at most
        // in-flight-wait, then 503), where waiting is allowed.
        return Uni.createFrom().item(() -> inFlight.event(expected))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(held -> accept(held, body, who));
    }

    /** Reads, validates and publishes one event, holding {@code memory} until the broker's answer. */
    private Uni<Response> accept(InFlight.Held memory, InputStream body, RecordedBy who) {
        try {
            byte[] bytes = new LimitedInputStream(body, config.limits().maxEventBytes().asLongValue(), "the event").readAllBytes();
            EventEnvelope event = reader.read(new String(bytes, StandardCharsets.UTF_8)).recordedBy(who);
            return publisher.publish(event)
                    .map(position -> Response.accepted(Accepted.of(event, position)).build())
                    .onTermination().invoke(memory::close);
        } catch (IOException | RuntimeException e) {
            memory.close();
            return Uni.createFrom().failure(e);
        }
    }

    @POST
    @Path("/batch")
    @Blocking
    @RolesAllowed(EDITOR)
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record many facts at once",
            description = "A JSON array of events, or JSON lines (application/x-ndjson). The whole batch is validated "
                    + "first (every error listed, pointers start with the event's index), then published in one Kafka "
                    + "transaction: readers see all of it or none. Streamed: large files are never held in memory.")
    @APIResponse(responseCode = "202", description = "All committed to the log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchAccepted.class)))
    @APIResponse(responseCode = "400", description = "At least one invalid event: nothing published")
    @APIResponse(responseCode = "408", description = "The body took longer than bilateral.limits.max-batch-time to arrive: nothing published")
    @APIResponse(responseCode = "413", description = "Past bilateral.limits.max-batch-bytes or max-batch-events: nothing published")
    @APIResponse(responseCode = "503", description = "The transaction did not commit, or the service was writing as many "
            + "batches or holding as much memory as it may: nothing published; Retry-After says when to try again")
    public Response batch(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = NDJSON)})
                          InputStream body) throws IOException {
        InputStream limited = new LimitedInputStream(body, config.limits().maxBatchBytes().asLongValue(), "the batch",
                config.limits().maxBatchTime());
        BatchReader batch = new BatchReader(reader, config.limits().maxBatchEvents(), config.limits().maxEventBytes().asLongValue(),
                validation, inFlight);
        try (InFlight.Held turn = inFlight.batch(); BatchSpool spool = new BatchSpool()) {
            RecordedBy who = submitter.recordedBy();
            // Encoding runs with validation, on the pool; the spool takes the records in the batch's order.
            Function<EventEnvelope, ProducerRecord<String, byte[]>> encode =
                    event -> CloudEventsKafka.toRecord(Topics.EVENTS, event.recordedBy(who), config.publish().source());
            if (contentType != null && contentType.startsWith(NDJSON)) {
                batch.readLines(limited, encode, spool::add);
            } else {
                batch.readArray(limited, encode, spool::add);
            }
            batch.finish();
            List<LogPosition> positions = batches.publish(spool);
            return Response.accepted(BatchAccepted.of(spool.size(), positions)).build();
        }
    }
}
