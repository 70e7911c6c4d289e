package io.bilateral.query.readmodel.dyad;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;
import io.bilateral.query.readmodel.register.Representation;

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
                          List<Representation.Level> representation, int openMissions, LatestVisit latestVisit, LatestTrade latestTrade,
                          long factCount, Map<String, Long> countsByType, Balance balance,
                          OffsetDateTime firstRecordedAt, OffsetDateTime lastRecordedAt) {

    /** Since when relations exist: the date as recorded, its precision, and the fact that says so. */
    public record RelationsSince(String date, String precision, String factId) {
    }

    /** Facts scored cooperative (Goldstein above 0) and conflictual (below 0), their sums, and the net. */
    public record Balance(long cooperative, double cooperation, long conflictual, double conflict, double net) {
    }

    /** The latest visit: its fact, when, the visitor's name and office, and the visiting state. */
    public record LatestVisit(String factId, String occurred, String visitor, String office, String visitingState) {
    }

    /** The latest trade figure: its fact, when, the flow, value, currency and qualifier. */
    public record LatestTrade(String factId, String occurred, String flow, Number value, String currency, String qualifier) {
    }

    /** The parts read from the facts themselves. */
    record FromFacts(String currentStatus, List<Representation.Level> representation, int openMissions, LatestVisit latestVisit,
                     LatestTrade latestTrade) {
    }

    static DyadSummary of(DyadRow row, RelationsSince since, FromFacts facts, Map<String, Long> counts, Balance balance) {
        return new DyadSummary(row.dyad,
                List.of(Actors.find(row.firstActor).orElseThrow(), Actors.find(row.secondActor).orElseThrow()),
                since, facts.currentStatus(),
                facts.representation().isEmpty() ? null : facts.representation(),
                facts.openMissions(), facts.latestVisit(), facts.latestTrade(),
                counts.values().stream().mapToLong(Long::longValue).sum(), counts, balance,
                row.firstRecordedAt, row.lastRecordedAt);
    }
}
