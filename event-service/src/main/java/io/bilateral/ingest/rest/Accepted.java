package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an accepted event: its identity and where the broker put it. The position
 * (partition, offset) is what a reader can wait for to see its own write.
 */
public record Accepted(UUID eventId, String factId, String type, String dyad, Instant recordedAt,
                       int partition, long offset) {

    static Accepted of(EventEnvelope event, LogPosition position) {
        return new Accepted(event.metadata().eventId(), event.metadata().factId(), event.type().wireName(),
                event.dyad().toString(), event.metadata().recordedAt(), position.partition(), position.offset());
    }
}
