package io.bilateral.query.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;

import java.nio.charset.StandardCharsets;

/**
 * An event the read models have not applied before, with its JSON and its sources' JSON as the
 * read models store them: written once per event, however many tables keep them.
 */
public record NewEvent(EventEnvelope envelope, String json, String sources) {

    private static final ObjectMapper JSON = EventJson.mapper();

    /** Written straight from the records (no tree in between): this runs for every event projected. */
    static NewEvent of(EventEnvelope envelope) {
        try {
            return new NewEvent(envelope, new String(EventJson.toBytes(envelope), StandardCharsets.UTF_8),
                    JSON.writeValueAsString(envelope.event().sources()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sources not serialisable: " + envelope, e);
        }
    }
}
