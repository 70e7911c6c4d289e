package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;

/** One side of an armed conflict: the actor, the force that fought, and whose command it served under. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConflictSide(@JsonProperty(required = true) ActorCode actor, @JsonProperty(required = true) String force,
                           String alignment) {
}
