package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A correction: the fact named by the envelope's factId is withdrawn (it stays reachable, marked). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactRetracted(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) int basedOnRevision, @JsonProperty(required = true) RetractionReason reason,
        String supersededBy, String note) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this)
                .require(basedOnRevision >= 1, "/basedOnRevision", "revisions start at 1")
                .require(reason != RetractionReason.SUPERSEDED || supersededBy != null, "/supersededBy",
                        "a fact retracted as superseded names the fact that supersedes it")
                .violations();
    }
}
