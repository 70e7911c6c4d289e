package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** The two actors fought on opposite sides of an armed conflict (the Korean War, 1950/1953). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArmedConflict(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String conflict, @JsonProperty(required = true) List<ConflictSide> sides, String framework) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        Consistency c = Consistency.of(this).require(sides.size() >= 2, "/sides", "a conflict has at least two sides");
        for (int i = 0; i < sides.size(); i++) {
            c.inDyad("sides/" + i + "/actor", sides.get(i).actor());
        }
        return c.require(sides.stream().map(ConflictSide::actor).distinct().count() >= 2, "/sides",
                "both actors of the dyad must be on a side").violations();
    }
}
