package io.bilateral.events.envelope;

/** Where an event sits in the log: its partition of the events topic and its offset there. */
public record LogPosition(int partition, long offset) {
}
