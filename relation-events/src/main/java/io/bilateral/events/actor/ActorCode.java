package io.bilateral.events.actor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A known actor's code inside a fact (a visiting state, a reporter, an accuser ...). */
public record ActorCode(String code) {

    public ActorCode {
        if (!Actors.isKnown(code)) {
            throw new InvalidDyadException("'" + code + "' is not a known actor code (ISO 3166-1 alpha-3, or one of "
                    + "the organisations " + String.join(", ", Actors.organisationCodes()) + ")");
        }
    }

    @JsonCreator
    public static ActorCode of(String code) {
        return new ActorCode(code);
    }

    @JsonValue
    @Override
    public String toString() {
        return code;
    }
}
