package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A source records that a mission exists (as of {@code occurred}, or of the source when undated). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MissionRecorded(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) Mission mission) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("mission/sendingState", mission.sendingState(), "mission/hostState", mission.hostState()).violations();
    }
}
