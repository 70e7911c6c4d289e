package io.bilateral.events.envelope;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
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
     * a tree, into one buffer: the fact's object, whose closing brace the envelope's fields then
     * replace, written by a generator of their own (the fact never has them, see
     * {@link #METADATA_FIELDS}). Both generators are Jackson's own, so the serializers' calls
     * stay monomorphic for the JIT. This is on every write's path and every projected event's.
     */
    public static byte[] toBytes(EventEnvelope envelope) {
        JoinedObjects bytes = new JoinedObjects();
        try {
            READER.writeValue(bytes, envelope.event());
            bytes.continueObject();
            EventMetadata m = envelope.metadata();
            try (JsonGenerator out = READER.createGenerator(bytes)) {
                out.writeStartObject();
                out.writeStringField(EVENT_ID, m.eventId().toString());
                out.writeStringField(FACT_ID, m.factId());
                out.writeStringField(RECORDED_AT, m.recordedAt().toString());
                out.writeNumberField(SCHEMA_VERSION, envelope.type().schemaVersion());
                out.writeFieldName(CODING);
                READER.writeValue(out, envelope.event().coding());
                if (m.recordedBy() != null) {
                    out.writeFieldName(RECORDED_BY);
                    READER.writeValue(out, m.recordedBy());
                }
                out.writeEndObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException("event not serialisable: " + envelope, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Two JSON objects written one after the other, joined into one: {@code {"type":…}} then
     * {@code {"eventId":…}} become {@code {"type":…,"eventId":…}}, in place. Where the fact's and
     * the envelope's JSON were two arrays copied into a third (BENCHMARKS.md, 2026-12-06).
     */
    private static final class JoinedObjects extends java.io.ByteArrayOutputStream {
        /** Where the second object's opening brace is, once {@link #continueObject} was called. */
        private int joint = -1;

        JoinedObjects() {
            super(1024);
        }

        /** The first object is written whole: its closing brace becomes the comma before the second's fields. */
        void continueObject() {
            buf[count - 1] = ',';
            joint = count;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (joint == count && len > 0) {
                // The second object's opening brace: its fields go on the first's.
                off++;
                len--;
                joint = -1;
            }
            super.write(b, off, len);
        }

        @Override
        public void write(int b) {
            if (joint == count) {
                joint = -1;
                return;
            }
            super.write(b);
        }
    }

    /**
     * Reads a record's value in one pass, without a tree: the fact is bound straight from the
     * bytes, and the envelope's fields, which no fact has, reach {@link EnvelopeFields} on the
     * way. Same results as reading through a tree ({@link #fromJson}), with about a quarter
     * less allocation (BENCHMARKS.md): this runs for every event projected.
     */
    public static EventEnvelope fromBytes(byte[] json) {
        EnvelopeFields envelope = new EnvelopeFields();
        RelationEvent event;
        try {
            event = FACT_READER.withAttribute(EnvelopeFields.class, envelope).readValue(json);
        } catch (JsonParseException e) {
            throw new UncheckedIOException("not event JSON", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a known event: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("not event JSON", e);
        }
        return new EventEnvelope(metadata(envelope.eventId, envelope.factId, envelope.recordedAt, envelope.recordedBy), event);
    }

    /**
     * Binds a fact and hands its envelope's fields to {@link EnvelopeFields}: Jackson passes a
     * record's unknown fields to the problem handlers once the record is built. The schema
     * version and the coding are derived from the type, so they are skipped outright.
     */
    private static final ObjectReader FACT_READER = mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addMixIn(RelationEvent.class, DerivedFields.class)
            .addHandler(new EnvelopeFields.Collector())
            .readerFor(RelationEvent.class);

    @JsonIgnoreProperties({SCHEMA_VERSION, CODING})
    private interface DerivedFields {
    }

    /**
     * The envelope's fields of one event as {@link #read} takes them from a tree ("" where
     * missing, as {@link JsonNode#asText()} gives): filled while its fact is bound.
     */
    private static final class EnvelopeFields {
        private String eventId = "";
        private String factId = "";
        private String recordedAt = "";
        private JsonNode recordedBy;

        /** Takes the event's own unknown fields that are the envelope's; any other unknown field is skipped, as before. */
        private static final class Collector extends DeserializationProblemHandler {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                                 Object beanOrClass, String field) throws IOException {
                EnvelopeFields envelope = (EnvelopeFields) ctxt.getAttribute(EnvelopeFields.class);
                if (envelope == null || !(beanOrClass instanceof RelationEvent)) {
                    p.skipChildren();
                    return true;
                }
                switch (field) {
                    case EVENT_ID -> envelope.eventId = text(p);
                    case FACT_ID -> envelope.factId = text(p);
                    case RECORDED_AT -> envelope.recordedAt = text(p);
                    case RECORDED_BY -> envelope.recordedBy = ctxt.readTree(p);
                    default -> p.skipChildren();
                }
                return true;
            }

            private static String text(JsonParser p) throws IOException {
                if (p.currentToken().isStructStart()) {
                    p.skipChildren();
                    return "";
                }
                return p.getText();
            }
        }
    }

    private static EventMetadata metadata(String eventId, String factId, String recordedAt, JsonNode who) {
        return new EventMetadata(UUID.fromString(eventId), factId, Instant.parse(recordedAt),
                who == null || !who.isObject() ? null
                        : new RecordedBy(text(who, "subject"), text(who, "issuer"), text(who, "clientId")));
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
        EventMetadata metadata = metadata(fact.path(EVENT_ID).asText(), fact.path(FACT_ID).asText(),
                fact.path(RECORDED_AT).asText(), fact.get(RECORDED_BY));
        fact.remove(METADATA_FIELDS);
        try {
            return new EventEnvelope(metadata, reader.treeToValue(fact, RelationEvent.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a known event: " + e.getOriginalMessage(), e);
        }
    }
}
