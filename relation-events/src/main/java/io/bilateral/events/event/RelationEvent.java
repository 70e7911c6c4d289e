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
        @JsonSubTypes.Type(Interaction.class),
        @JsonSubTypes.Type(MembershipChanged.class),
        @JsonSubTypes.Type(EconomicMeasure.class),
        @JsonSubTypes.Type(LegalDispute.class),
        @JsonSubTypes.Type(RepresentationChanged.class),
        @JsonSubTypes.Type(FactAmended.class),
        @JsonSubTypes.Type(FactRetracted.class),
})
public sealed interface RelationEvent permits DiplomaticRelationsEstablished, DiplomaticRelationsChanged,
        MissionOpened, MissionClosed, MissionRecorded, ArmedConflict, OfficialVisit, AgreementSigned,
        EventParticipation, MultilateralStatement, PolicyOpposition, PersonalSanction, DiplomatSummoned,
        EspionageAllegation, CyberIncident, TradeStatisticReported, NotablePersonLinked, RelatedRelationLinked,
        Interaction, MembershipChanged, EconomicMeasure, LegalDispute, RepresentationChanged,
        FactAmended, FactRetracted {

    DyadId dyad();

    /** When it happened; null only for types that allow an undated fact. */
    PartialDate occurred();

    List<Source> sources();

    /** Null when the sources say nothing about it. */
    Certainty certainty();

    /** One line a person can read in a timeline; optional. */
    String summary();

    /**
     * Other dyads the fact concerns (a third party's office in one state concerns that state's
     * relation with the third party's rival); optional. The fact still belongs to {@link #dyad()}:
     * its partition, its corrections and its id.
     */
    List<DyadId> alsoConcerns();

    /** How CAMEO and PLOVER code this fact: the type's coding, or the fact's own where it varies by kind. */
    default EventCoding coding() {
        return EventType.of(this).coding();
    }

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
