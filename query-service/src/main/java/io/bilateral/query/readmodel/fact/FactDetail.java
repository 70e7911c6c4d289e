package io.bilateral.query.readmodel.fact;

import io.bilateral.events.envelope.RecordedBy;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /facts/{factId}} answers: a fact's current state, every revision of it, and
 * the corrections that conflicted (based on a revision that was no longer current).
 */
public record FactDetail(String factId, String dyad, String type, String occurred, String precision,
                         @Schema(format = "date") String earliest, @Schema(format = "date") String latest,
                         String certainty, int revision, boolean retracted,
                         @Schema(format = "date-time") String recordedAt, @Schema(format = "date-time") String updatedAt,
                         @Schema(type = SchemaType.OBJECT, description = "The event as it reads now, corrections merged in: "
                                 + "its schema is GET /schemas/{type} on event-service")
                         Map<String, Object> current,
                         List<Revision> history, List<Conflict> conflicts) {

    /** Who recorded a revision: the token's subject, issuer and client; "unknown" for events recorded before that was kept. */
    static final String UNKNOWN = "unknown";

    /** One revision: RECORDED, AMENDED or RETRACTED, with its reason, sources, changed fields, and who and when. */
    @Schema(name = "FactRevision")
    public record Revision(int revision, String eventId, String kind, String reason,
                           @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                           @Schema(type = SchemaType.OBJECT, description = "The fields an amendment set (null for the others)")
                           Map<String, Object> changes,
                           @Schema(format = "date-time") String recordedAt,
                           @Schema(oneOf = {RecordedBy.class, String.class}) Object recordedBy) {
    }

    /**
     * A correction that was not applied: the revision it was based on, the one current then (null
     * when there was none: the fact was unknown, or recorded again under its id), and the reason.
     */
    @Schema(name = "FactConflict")
    public record Conflict(String eventId, int basedOnRevision, Integer currentRevision, String reason,
                           @Schema(format = "date-time") String recordedAt,
                           @Schema(oneOf = {RecordedBy.class, String.class}) Object recordedBy) {
    }
}
