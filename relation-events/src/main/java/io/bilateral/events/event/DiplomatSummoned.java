package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** One actor summoned the other's envoy; {@code respondsTo} names the fact it answers (an incident), when known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiplomatSummoned(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode summonedBy, @JsonProperty(required = true) ActorCode envoyOf,
        Person envoy, String envoyTitle, String reason, String respondsTo) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("summonedBy", summonedBy, "envoyOf", envoyOf).violations();
    }
}
