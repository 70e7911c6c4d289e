package io.bilateral.query.readmodel.dyad;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}} answers: the state of a relation at a glance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DyadSummary(String dyad, List<Actor> actors, RelationsSince relationsSince, long factCount,
                          Map<String, Long> countsByType, OffsetDateTime firstRecordedAt,
                          OffsetDateTime lastRecordedAt) {

    /** Since when relations exist: the date as recorded, its precision, and the fact that says so. */
    public record RelationsSince(String date, String precision, String factId) {
    }

    static DyadSummary of(DyadRow row, RelationsSince since, Map<String, Long> counts) {
        return new DyadSummary(row.dyad,
                List.of(Actors.find(row.firstActor).orElseThrow(), Actors.find(row.secondActor).orElseThrow()),
                since, counts.values().stream().mapToLong(Long::longValue).sum(), counts,
                row.firstRecordedAt, row.lastRecordedAt);
    }
}
