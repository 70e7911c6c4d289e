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
}
