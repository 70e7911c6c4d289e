package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to an accepted event: its identity and where the broker put it. The position
 * (partition, offset) is what a reader can wait for to see its own write: query-service takes
 * {@code consistencyToken} as {@code Bilateral-Read-After} header or {@code readAfter} parameter.
 */
public record Accepted(UUID eventId, String factId, String type, String dyad, Instant recordedAt,
                       int partition, long offset, String consistencyToken) {

    static Accepted of(EventEnvelope event, LogPosition position) {
        return new Accepted(event.metadata().eventId(), event.metadata().factId(), event.type().wireName(),
                event.dyad().toString(), event.metadata().recordedAt(), position.partition(), position.offset(),
                ConsistencyToken.of(List.of(position)).toString());
    }
}
