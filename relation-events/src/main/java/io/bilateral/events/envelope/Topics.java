package io.bilateral.events.envelope;

/** Kafka names shared by the producer, the consumers and the tests. */
public final class Topics {

    /**
     * The log of record: every event of every dyad, keyed by dyad id, kept forever
     * ({@code retention.ms=-1}).
     */
    public static final String EVENTS = "bilateral.relation-events";

    private Topics() {
    }
}
