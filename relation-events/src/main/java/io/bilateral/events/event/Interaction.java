package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.cameo.CameoCodebook;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * Any CAMEO-coded interaction: {@code actor} did what {@code cameo} says to {@code target}, the
 * other actor of the dyad. Its coding (score, root, quad class, PLOVER) is the codebook's for
 * that code, never the submitter's. {@code gdeltEventId} is GDELT's GLOBALEVENTID when the fact
 * was imported from GDELT.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interaction(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) String cameo,
        @JsonProperty(required = true) ActorCode actor, @JsonProperty(required = true) ActorCode target,
        String description, Long gdeltEventId) implements RelationEvent {

    @Override
    public EventCoding coding() {
        return CameoCodebook.isKnown(cameo) ? CameoCodebook.coding(cameo) : EventCoding.NONE;
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("actor", actor, "target", target)
                .require(CameoCodebook.isKnown(cameo), "/cameo",
                        "'" + cameo + "' is not a code of the CAMEO event codebook (query-service's GET /cameo lists them: 042 make a visit, 163 impose an embargo ...)")
                .require(gdeltEventId == null || gdeltEventId > 0, "/gdeltEventId", "GDELT's event ids are positive")
                .violations();
    }
}
