package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.EventEnvelope;

/** The broker did not acknowledge an event (or a batch) in time: it is not accepted. */
public class BrokerUnavailableException extends RuntimeException {
    private final transient EventEnvelope event;

    public BrokerUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** About one event: the line logged about it names it. */
    public BrokerUnavailableException(String message, Throwable cause, EventEnvelope event) {
        super(message, cause);
        this.event = event;
    }

    /** The single event that was not accepted, or null for a batch. */
    public EventEnvelope event() {
        return event;
    }
}
