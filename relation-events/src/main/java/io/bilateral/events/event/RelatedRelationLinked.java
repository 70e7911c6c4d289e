package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import java.util.List;

/** Another relation or topic that bears on this one (China–EU relations). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelatedRelationLinked(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String related, DyadId relatedDyad) implements RelationEvent {
}
