package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import java.util.List;

/** The two actors established diplomatic relations (BEL–CHN: 25 October 1971). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiplomaticRelationsEstablished(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns) implements RelationEvent {
}
