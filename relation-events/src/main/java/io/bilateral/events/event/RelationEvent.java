package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * A fact about the relation of one dyad, as recorded in the log. Every type names its dyad,
 * when it happened ({@link #occurred()}, a partial date; optional only where
 * {@link EventType#occurredRequired()} says so), at least one source, optionally how certain
 * it is and a one-line summary. Identity and recording time travel beside it in the envelope.
 *
 * <p>{@link EventType} is the one place that maps a type to its name, schema version and coding.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(DiplomaticRelationsEstablished.class),
        @JsonSubTypes.Type(DiplomaticRelationsChanged.class),
        @JsonSubTypes.Type(MissionOpened.class),
        @JsonSubTypes.Type(MissionClosed.class),
        @JsonSubTypes.Type(MissionRecorded.class),
        @JsonSubTypes.Type(ArmedConflict.class),
        @JsonSubTypes.Type(OfficialVisit.class),
        @JsonSubTypes.Type(AgreementSigned.class),
        @JsonSubTypes.Type(EventParticipation.class),
        @JsonSubTypes.Type(MultilateralStatement.class),
        @JsonSubTypes.Type(PolicyOpposition.class),
        @JsonSubTypes.Type(PersonalSanction.class),
        @JsonSubTypes.Type(DiplomatSummoned.class),
        @JsonSubTypes.Type(EspionageAllegation.class),
        @JsonSubTypes.Type(CyberIncident.class),
        @JsonSubTypes.Type(TradeStatisticReported.class),
        @JsonSubTypes.Type(NotablePersonLinked.class),
        @JsonSubTypes.Type(RelatedRelationLinked.class),
        @JsonSubTypes.Type(FactAmended.class),
        @JsonSubTypes.Type(FactRetracted.class),
})
public sealed interface RelationEvent permits DiplomaticRelationsEstablished, DiplomaticRelationsChanged,
        MissionOpened, MissionClosed, MissionRecorded, ArmedConflict, OfficialVisit, AgreementSigned,
        EventParticipation, MultilateralStatement, PolicyOpposition, PersonalSanction, DiplomatSummoned,
        EspionageAllegation, CyberIncident, TradeStatisticReported, NotablePersonLinked, RelatedRelationLinked,
        FactAmended, FactRetracted {

    DyadId dyad();

    /** When it happened; null only for types that allow an undated fact. */
    PartialDate occurred();

    List<Source> sources();

    /** Null when the sources say nothing about it. */
    Certainty certainty();

    /** One line a person can read in a timeline; optional. */
    String summary();

    /** The date a timeline places the fact at: {@link #occurred()}, or a type's fallback. */
    default PartialDate when() {
        return occurred();
    }

    /**
     * Rules across fields that JSON types cannot express (a visit's host is one of the dyad's
     * actors, a share is a percentage ...). Pointers are relative to the event.
     */
    default List<Violation> inconsistencies() {
        return List.of();
    }
}
