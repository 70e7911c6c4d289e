package io.bilateral.events.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * What the system knows about an event besides the fact itself.
 *
 * @param eventId    unique per event; a client may choose it, so a retried POST is recognised
 * @param factId     the fact this event records or corrects; events about one fact share it
 * @param recordedAt when event-service accepted it (not when it happened)
 * @param recordedBy who submitted it (from the verified token); null before provenance was kept
 */
public record EventMetadata(UUID eventId, String factId, Instant recordedAt, RecordedBy recordedBy) {

    /** Metadata of an event whose submitter is not known (written before provenance was kept, or by a test). */
    public EventMetadata(UUID eventId, String factId, Instant recordedAt) {
        this(eventId, factId, recordedAt, null);
    }
}
