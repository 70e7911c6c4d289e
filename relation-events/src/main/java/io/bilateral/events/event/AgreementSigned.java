package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import java.util.List;

/** The two actors signed an agreement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementSigned(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String title, String agreementKind) implements RelationEvent {
}
