package io.bilateral.query.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.vertx.core.buffer.Buffer;

/**
 * An event the read models have not applied before, with its JSON as the read models store it:
 * written once per event, however many tables keep it.
 *
 * <p>It is UTF-8 bytes, bound as {@code bytea} and turned into text by PostgreSQL
 * ({@code convert_from}, which checks the encoding): bound as strings, the client encoded them
 * to UTF-8 again one character at a time, an eighth of the projection's CPU (BENCHMARKS.md).
 */
public record NewEvent(EventEnvelope envelope, Buffer json) {

    private static final ObjectMapper JSON = EventJson.mapper();

    /** Written straight from the records (no tree in between): this runs for every event projected. */
    static NewEvent of(EventEnvelope envelope) {
        return new NewEvent(envelope, Buffer.buffer(EventJson.toBytes(envelope)));
    }

    /**
     * The event's own sources as JSON, for a correction's revision (a recorded fact's are read
     * from its event's JSON, so only corrections, which are few, write them apart).
     */
    public Buffer sources() {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(envelope.event().sources()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sources not serialisable: " + envelope, e);
        }
    }
}
