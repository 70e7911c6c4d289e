package io.bilateral.query.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.vertx.core.buffer.Buffer;

/**
 * An event the read models have not applied before, with its JSON and its sources' JSON as the
 * read models store them: written once per event, however many tables keep them.
 *
 * <p>Both are UTF-8 bytes, bound as {@code bytea} and turned into text by PostgreSQL
 * ({@code convert_from}, which checks the encoding): bound as strings, the client encoded them
 * to UTF-8 again one character at a time, an eighth of the projection's CPU (BENCHMARKS.md).
 */
public record NewEvent(EventEnvelope envelope, Buffer json, Buffer sources) {

    private static final ObjectMapper JSON = EventJson.mapper();

    /** Written straight from the records (no tree in between): this runs for every event projected. */
    static NewEvent of(EventEnvelope envelope) {
        try {
            return new NewEvent(envelope, Buffer.buffer(EventJson.toBytes(envelope)),
                    Buffer.buffer(JSON.writeValueAsBytes(envelope.event().sources())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sources not serialisable: " + envelope, e);
        }
    }
}
