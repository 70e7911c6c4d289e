package io.bilateral.query.readmodel.dyad;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /dyads/{dyad}} answers: the state of a relation at a glance. Relations since,
 * its current status and level of representation each way, the open missions, the latest visit and trade figure, fact counts by
 * type and the cooperation–conflict balance, all from the current (not retracted) facts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DyadSummary(String dyad, List<Actor> actors, RelationsSince relationsSince, String currentStatus,
                          List<Map<String, Object>> representation, int openMissions, Map<String, Object> latestVisit, Map<String, Object> latestTrade,
                          long factCount, Map<String, Long> countsByType, Balance balance,
                          OffsetDateTime firstRecordedAt, OffsetDateTime lastRecordedAt) {

    /** Since when relations exist: the date as recorded, its precision, and the fact that says so. */
    public record RelationsSince(String date, String precision, String factId) {
    }

    /** Facts scored cooperative (Goldstein above 0) and conflictual (below 0), their sums, and the net. */
    public record Balance(long cooperative, double cooperation, long conflictual, double conflict, double net) {
    }

    /** The parts read from the facts themselves. */
    record FromFacts(String currentStatus, List<JsonObject> representation, int openMissions, JsonObject latestVisit, JsonObject latestTrade) {
    }

    static DyadSummary of(DyadRow row, RelationsSince since, FromFacts facts, Map<String, Long> counts, Balance balance) {
        return new DyadSummary(row.dyad,
                List.of(Actors.find(row.firstActor).orElseThrow(), Actors.find(row.secondActor).orElseThrow()),
                since, facts.currentStatus(),
                facts.representation().isEmpty() ? null : facts.representation().stream().map(JsonObject::getMap).toList(),
                facts.openMissions(),
                facts.latestVisit() == null ? null : facts.latestVisit().getMap(),
                facts.latestTrade() == null ? null : facts.latestTrade().getMap(),
                counts.values().stream().mapToLong(Long::longValue).sum(), counts, balance,
                row.firstRecordedAt, row.lastRecordedAt);
    }
}
