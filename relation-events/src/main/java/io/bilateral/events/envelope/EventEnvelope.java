package io.bilateral.events.envelope;

import io.bilateral.events.actor.DyadId;
import io.bilateral.events.event.EventType;
import io.bilateral.events.event.RelationEvent;

/** An event with its metadata: the unit that is published, stored and streamed. */
public record EventEnvelope(EventMetadata metadata, RelationEvent event) {

    public EventType type() {
        return EventType.of(event);
    }

    public DyadId dyad() {
        return event.dyad();
    }

    /** The same event, recorded by {@code who} (event-service stamps what it accepts with the verified token's principal). */
    public EventEnvelope recordedBy(RecordedBy who) {
        return new EventEnvelope(new EventMetadata(metadata.eventId(), metadata.factId(), metadata.recordedAt(), who), event);
    }
}
