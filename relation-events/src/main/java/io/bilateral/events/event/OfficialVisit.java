package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** An official of one actor visited the other, in the office held at the time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfficialVisit(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) Person visitor, String office,
        @JsonProperty(required = true) ActorCode visitingState, @JsonProperty(required = true) ActorCode hostState) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("visitingState", visitingState, "hostState", hostState).violations();
    }
}
