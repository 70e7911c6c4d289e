package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** One actor openly opposed a policy of the other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyOpposition(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode opposedBy, @JsonProperty(required = true) ActorCode policyOf,
        @JsonProperty(required = true) String policy) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("opposedBy", opposedBy, "policyOf", policyOf).violations();
    }
}
