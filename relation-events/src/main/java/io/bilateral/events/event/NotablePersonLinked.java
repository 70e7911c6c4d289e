package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import java.util.List;

/** A person notable for the relation, in a role, over a period ({@code occurred}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotablePersonLinked(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) Person person, @JsonProperty(required = true) String role) implements RelationEvent {
}
