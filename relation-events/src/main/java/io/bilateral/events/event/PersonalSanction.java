package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** One actor sanctioned a person of the other (an entry ban, an asset freeze). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalSanction(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode imposedBy, @JsonProperty(required = true) Person target,
        String targetOffice, @JsonProperty(required = true) String measure, String duration, String reason) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("imposedBy", imposedBy).violations();
    }
}
