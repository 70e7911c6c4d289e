package io.bilateral.query.project;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.TraceHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;

/**
 * One record of the events topic as the projection handles it: where it sits, its dyad (the
 * record key), its value as in the log, and the event read from it, or why it could not be read.
 * The value is kept so that a record parked today can be applied by a later, fixed version; the
 * CloudEvents source ({@code ce_source}, null when unknown) so that the stream can repeat it;
 * the trace it was published in ({@link TraceHeaders}; empty when none), which the projection's
 * span joins.
 */
public record LogRecord(LogPosition position, String dyad, byte[] value, String source, EventEnvelope event, String unreadable,
                        Map<String, String> trace) {

    /** The key of a record without one: such records are parked together, in order. */
    public static final String NO_DYAD = "(no key)";

    public static LogRecord read(ConsumerRecord<String, byte[]> r) {
        return read(CloudEventsKafka.position(r), r.key(), r.value(), CloudEventsKafka.header(r.headers(), CloudEventsKafka.SOURCE),
                TraceHeaders.read(r.headers()));
    }

    /** A record kept elsewhere (a parked one): its trace is not kept. */
    public static LogRecord read(LogPosition position, String key, byte[] value, String source) {
        return read(position, key, value, source, Map.of());
    }

    private static LogRecord read(LogPosition position, String key, byte[] value, String source, Map<String, String> trace) {
        String dyad = key == null ? NO_DYAD : key;
        try {
            return new LogRecord(position, dyad, value, source, CloudEventsKafka.fromBytes(value), null, trace);
        } catch (RuntimeException e) {
            return new LogRecord(position, dyad, value, source, null, Failures.reason(e), trace);
        }
    }

    /** Its event, or the reason it has none, as an exception to park it with. */
    public EventEnvelope eventOrThrow() {
        if (event == null) {
            throw new UnreadableRecordException(position + ": " + unreadable);
        }
        return event;
    }

    /** A record whose value is not an event this version can read. */
    public static final class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }
}
