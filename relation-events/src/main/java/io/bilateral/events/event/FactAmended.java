package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A correction: the fact named by the envelope's factId changes, based on revision {@code basedOnRevision}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactAmended(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) int basedOnRevision, @JsonProperty(required = true) ObjectNode changes,
        @JsonProperty(required = true) String reason) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this)
                .require(basedOnRevision >= 1, "/basedOnRevision", "revisions start at 1")
                .require(changes.size() > 0, "/changes", "name at least one field that changes")
                .require(java.util.stream.Stream.of("type", "dyad", "eventId", "factId", "recordedAt", "recordedBy", "schemaVersion", "coding")
                                .noneMatch(changes::has),
                        "/changes", "a fact's type, dyad and identity never change (retract it and record a new one), "
                                + "and recordedAt, recordedBy, schemaVersion and coding are the server's")
                .violations();
    }
}
