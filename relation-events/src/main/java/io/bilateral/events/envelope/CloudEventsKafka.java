package io.bilateral.events.envelope;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Events as Kafka records in CloudEvents 1.0 binary mode (the Kafka protocol binding): the
 * attributes are {@code ce_*} headers, the value is the event JSON, the key is the dyad id.
 * Six headers do not need the CloudEvents SDK on the write path; a test reads our records
 * with the SDK's own deserializer to prove another team can.
 */
public final class CloudEventsKafka {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /** An extension attribute: the subject of the token that submitted the event (the whole principal is in the value). */
    public static final String RECORDED_BY = "ce_recordedby";

    /** {@code ce_type} is this prefix, the type name and its schema version: {@code io.bilateral.X.v1}. */
    public static final String TYPE_PREFIX = "io.bilateral.";
    public static final String DEFAULT_SOURCE = "/bilateral/event-service";

    private CloudEventsKafka() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope envelope, String source) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.dyad().toString(), EventJson.toBytes(envelope));
        // Through the record's own (public) headers: Kafka's header classes are internal.
        Headers headers = record.headers()
                .add(SPEC_VERSION, bytes("1.0"))
                .add(ID, bytes(envelope.metadata().eventId().toString()))
                .add(SOURCE, bytes(source))
                .add(TYPE, bytes(ceType(envelope)))
                .add(SUBJECT, bytes(envelope.dyad().toString()))
                .add(TIME, bytes(envelope.metadata().recordedAt().toString()))
                .add(CONTENT_TYPE, bytes("application/json"));
        if (envelope.metadata().recordedBy() != null && envelope.metadata().recordedBy().subject() != null) {
            headers.add(RECORDED_BY, bytes(envelope.metadata().recordedBy().subject()));
        }
        return record;
    }

    public static String ceType(EventEnvelope envelope) {
        return TYPE_PREFIX + envelope.type().wireName() + ".v" + envelope.type().schemaVersion();
    }

    /** The event of a record; the JSON value carries everything, the headers are for routing. */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        return fromBytes(record.value());
    }

    /** The event of a record's value (a null value, a tombstone, is not an event). */
    public static EventEnvelope fromBytes(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        return EventJson.fromBytes(value);
    }

    public static LogPosition position(ConsumerRecord<?, ?> record) {
        return new LogPosition(record.partition(), record.offset());
    }

    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
