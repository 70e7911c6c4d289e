package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** One actor took part in an event the other hosted (an expo, a summit). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventParticipation(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String event, @JsonProperty(required = true) ActorCode participant,
        ActorCode host, String role) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("participant", participant).inDyad("host", host).violations();
    }
}
