package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * A fact about the relation of one dyad, as recorded in the log. Every type names its dyad,
 * when it happened ({@link #occurred()}, a partial date), at least one source, and optionally
 * how certain it is. Identity and recording time travel beside it in the envelope.
 *
 * <p>The permitted types are listed in {@link EventType}, the one place that maps a type to
 * its name, schema version and coding.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DiplomaticRelationsEstablished.class, name = "DiplomaticRelationsEstablished"),
})
public sealed interface RelationEvent permits DiplomaticRelationsEstablished {

    DyadId dyad();

    PartialDate occurred();

    List<Source> sources();

    /** Null when the sources say nothing about it. */
    Certainty certainty();
}
