package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A cyber operation against one actor, attributed to the other. {@code occurred} is the activity period, {@code disclosed} when it became known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CyberIncident(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String threatActor, ActorCode attributedTo,
        @JsonProperty(required = true) List<String> targets, PartialDate disclosed) implements RelationEvent {

    /** The activity when known, else the disclosure. */
    @Override
    public PartialDate when() {
        return occurred != null ? occurred : disclosed;
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("attributedTo", attributedTo)
                .require(!targets.isEmpty(), "/targets", "name at least one target")
                .require(occurred != null || disclosed != null, "/occurred", "give when it happened, when it was disclosed, or both")
                .violations();
    }
}
