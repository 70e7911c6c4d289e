package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** One actor (or its media) alleged espionage by the other. {@code occurred} is the activity, {@code disclosed} when it became known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EspionageAllegation(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode accused, ActorCode accuser, String reportedBy,
        String accusedAgency, @JsonProperty(required = true) String kind, List<Person> targets, PartialDate disclosed) implements RelationEvent {

    /** The activity when known, else the disclosure. */
    @Override
    public PartialDate when() {
        return occurred != null ? occurred : disclosed;
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("accused", accused).inDyad("accuser", accuser)
                .require(occurred != null || disclosed != null, "/occurred", "give when it happened, when it was disclosed, or both")
                .violations();
    }
}
