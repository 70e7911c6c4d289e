package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A joint statement in a multilateral forum by signatories including one actor, about the other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MultilateralStatement(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String forum, @JsonProperty(required = true) List<ActorCode> signatories,
        Integer signatoryCount, ActorCode target, @JsonProperty(required = true) String subject) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this)
                .require(!signatories.isEmpty(), "/signatories", "name at least one known signatory")
                .require(signatoryCount == null || signatoryCount >= signatories.size(), "/signatoryCount",
                        "cannot be fewer than the signatories named")
                .require(signatories.stream().anyMatch(s -> dyad.involves(s.code())) || (target != null && dyad.involves(target.code())),
                        "/signatories", "a signatory or the target must be an actor of the dyad " + dyad)
                .violations();
    }
}
