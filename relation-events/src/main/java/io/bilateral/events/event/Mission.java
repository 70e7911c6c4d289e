package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;

/** A diplomatic mission: which state keeps what kind of post in which city of which host. */
public record Mission(@JsonProperty(required = true) Kind kind,
                      @JsonProperty(required = true) ActorCode sendingState,
                      @JsonProperty(required = true) ActorCode hostState,
                      @JsonProperty(required = true) String city) {

    public enum Kind { EMBASSY, CONSULATE_GENERAL, CONSULATE, HONORARY_CONSULATE, REPRESENTATIVE_OFFICE, PERMANENT_MISSION }
}
