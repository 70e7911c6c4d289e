package io.bilateral.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventType;
import io.bilateral.events.event.RelationEvent;

import java.util.UUID;

/** A fact ready to post, with the ids the import chose for it. */
public record ImportedFact(UUID eventId, String factId, RelationEvent event) {

    private static final ObjectMapper JSON = EventJson.mapper();

    /**
     * The fact as event-service takes it: its fields, {@code type}, {@code eventId} and
     * {@code factId}; nothing the server assigns (its coding, recording time, schema version).
     */
    public String submission() {
        ObjectNode node = JSON.createObjectNode();
        node.put(EventJson.TYPE, EventType.of(event).wireName());
        node.setAll((ObjectNode) JSON.valueToTree(event));
        node.remove(EventJson.CODING);
        node.put(EventJson.EVENT_ID, eventId.toString());
        node.put(EventJson.FACT_ID, factId);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fact that cannot be written as JSON: " + event, e);
        }
    }
}
