package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** Relations were downgraded, upgraded, severed or restored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiplomaticRelationsChanged(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) Change change, ActorCode initiatedBy) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("initiatedBy", initiatedBy).violations();
    }
}
