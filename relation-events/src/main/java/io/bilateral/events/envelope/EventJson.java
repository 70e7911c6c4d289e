package io.bilateral.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bilateral.events.event.EventType;
import io.bilateral.events.event.FactRules;
import io.bilateral.events.event.RelationEvent;
import io.bilateral.events.problem.Violation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON form of an event, one flat object: the fact's own fields with its {@code type},
 * then the metadata ({@code eventId}, {@code factId}, {@code recordedAt},
 * {@code schemaVersion}) and the fact's {@code coding}. The same shape is the Kafka record
 * value, the stream's payload and (without the server-assigned fields) the POST body.
 *
 * <p>Readers ignore fields they do not know, so a newer writer's optional fields never break
 * an older reader; see the compatibility tests.
 */
public final class EventJson {

    public static final String EVENT_ID = "eventId";
    public static final String FACT_ID = "factId";
    public static final String RECORDED_AT = "recordedAt";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String CODING = "coding";
    public static final String RECORDED_BY = "recordedBy";
    public static final String TYPE = "type";

    /** Fields that belong to the envelope, not to the fact record. */
    public static final Set<String> METADATA_FIELDS = Set.of(EVENT_ID, FACT_ID, RECORDED_AT, SCHEMA_VERSION, CODING, RECORDED_BY);

    private static final ObjectMapper READER = mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventJson() {
    }

    /**
     * The mapper for event JSON: ISO-8601 instants; decimals kept exactly as written
     * (20200000000 stays 20200000000, not 2.02E+10; 4.1 is never a binary double).
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    public static ObjectNode toJson(EventEnvelope envelope) {
        ObjectNode node = READER.valueToTree(envelope.event());
        EventType type = envelope.type();
        EventMetadata m = envelope.metadata();
        node.put(EVENT_ID, m.eventId().toString());
        node.put(FACT_ID, m.factId());
        node.put(RECORDED_AT, m.recordedAt().toString());
        node.put(SCHEMA_VERSION, type.schemaVersion());
        node.set(CODING, READER.valueToTree(envelope.event().coding()));
        if (m.recordedBy() != null) {
            node.set(RECORDED_BY, READER.valueToTree(m.recordedBy()));
        }
        return node;
    }

    /**
     * The same JSON as {@link #toJson}, as bytes. Written straight from the records, not through
     * a tree: the fact's object, then the envelope's fields appended to it (the fact never has
     * them, see {@link #METADATA_FIELDS}). This is on every write's path.
     */
    public static byte[] toBytes(EventEnvelope envelope) {
        try {
            byte[] fact = READER.writeValueAsBytes(envelope.event());
            EventMetadata m = envelope.metadata();
            ObjectNode tail = READER.createObjectNode();
            tail.put(EVENT_ID, m.eventId().toString());
            tail.put(FACT_ID, m.factId());
            tail.put(RECORDED_AT, m.recordedAt().toString());
            tail.put(SCHEMA_VERSION, envelope.type().schemaVersion());
            tail.set(CODING, READER.valueToTree(envelope.event().coding()));
            if (m.recordedBy() != null) {
                tail.set(RECORDED_BY, READER.valueToTree(m.recordedBy()));
            }
            byte[] rest = READER.writeValueAsBytes(tail);
            // {"type":…,…} + {"eventId":…} → {"type":…,…,"eventId":…}: both are objects with fields.
            byte[] joined = new byte[fact.length + rest.length - 1];
            System.arraycopy(fact, 0, joined, 0, fact.length - 1);
            joined[fact.length - 1] = ',';
            System.arraycopy(rest, 1, joined, fact.length, rest.length - 1);
            return joined;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + envelope, e);
        }
    }

    public static EventEnvelope fromBytes(byte[] json) {
        try {
            // The tree is this method's own: read without the copy that protects a caller's.
            return read((ObjectNode) READER.readTree(json), READER);
        } catch (IOException e) {
            throw new UncheckedIOException("not event JSON", e);
        }
    }

    private static final ObjectMapper STRICT_READER = mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * Reads an event that this version wrote or changed itself (an amended fact): unknown
     * fields, a missing required date or a broken cross-field rule are errors here.
     */
    public static EventEnvelope fromJsonStrictly(JsonNode json) {
        EventEnvelope envelope = read(((ObjectNode) json).deepCopy(), STRICT_READER);
        RelationEvent event = envelope.event();
        if (envelope.type().occurredRequired() && event.occurred() == null) {
            throw new IllegalArgumentException("occurred is required for " + envelope.type().wireName());
        }
        List<Violation> violations = FactRules.violations(event);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.get(0).pointer() + " " + violations.get(0).detail());
        }
        return envelope;
    }

    /** Reads an event as written by {@link #toJson}; fields it does not know are ignored. */
    public static EventEnvelope fromJson(JsonNode json) {
        return read(((ObjectNode) json).deepCopy(), READER);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * The envelope's fields become the metadata; the rest is the fact, bound by the given reader.
     * Takes the envelope's fields out of {@code fact}: the callers that keep their tree pass a copy.
     */
    private static EventEnvelope read(ObjectNode fact, ObjectMapper reader) {
        JsonNode who = fact.get(RECORDED_BY);
        EventMetadata metadata = new EventMetadata(
                UUID.fromString(fact.path(EVENT_ID).asText()),
                fact.path(FACT_ID).asText(),
                Instant.parse(fact.path(RECORDED_AT).asText()),
                who == null || !who.isObject() ? null
                        : new RecordedBy(text(who, "subject"), text(who, "issuer"), text(who, "clientId")));
        fact.remove(METADATA_FIELDS);
        try {
            return new EventEnvelope(metadata, reader.treeToValue(fact, RelationEvent.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a known event: " + e.getOriginalMessage(), e);
        }
    }
}
