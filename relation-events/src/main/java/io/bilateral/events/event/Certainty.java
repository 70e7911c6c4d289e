package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How firmly the sources establish a fact; keeps allegations apart from established facts. */
public enum Certainty {
    REPORTED, ALLEGED, CONFIRMED, DENIED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Certainty fromJson(String value) {
        for (Certainty c : values()) {
            if (c.json().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be one of " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Certainty::json).collect(Collectors.joining(", "));
    }
}
