package io.bilateral.query.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;

/**
 * An event the read models have not applied before, with its JSON and its sources' JSON as the
 * read models store them: written once per event, however many tables keep them.
 */
public record NewEvent(EventEnvelope envelope, String json, String sources) {

    static NewEvent of(EventEnvelope envelope) {
        ObjectNode tree = EventJson.toJson(envelope);
        JsonNode sources = tree.get("sources");
        return new NewEvent(envelope, tree.toString(), sources == null ? "null" : sources.toString());
    }
}
