package io.bilateral.events.event;

import io.bilateral.events.cameo.CameoCodebook;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of fact types: each type's Java record (whose simple name is its name on the
 * wire), its current schema version, how CAMEO / PLOVER code it (codes and Goldstein scores
 * −10 conflict … +10 cooperation, from the CAMEO codebook and the PLOVER manual as listed in
 * DOMAIN.md), and whether it must say when it happened.
 */
public enum EventType {
    // CAMEO 054 "grant diplomatic recognition" is the nearest code.
    DIPLOMATIC_RELATIONS_ESTABLISHED(DiplomaticRelationsEstablished.class, coded("054", "SUPPORT"), true),
    DIPLOMATIC_RELATIONS_CHANGED(DiplomaticRelationsChanged.class, coded("161", "SANCTION"), true),
    MISSION_OPENED(MissionOpened.class, EventCoding.NONE, true),
    MISSION_CLOSED(MissionClosed.class, EventCoding.NONE, true),
    // "Belgium has an embassy in Beijing": true as of the source, which may give no date.
    MISSION_RECORDED(MissionRecorded.class, EventCoding.NONE, false),
    ARMED_CONFLICT(ArmedConflict.class, coded("190", "ASSAULT"), true),
    OFFICIAL_VISIT(OfficialVisit.class, coded("042", "CONSULT"), true),
    AGREEMENT_SIGNED(AgreementSigned.class, coded("057", "SUPPORT"), true),
    // CAMEO 050 "engage in diplomatic cooperation" is approximate for an expo pavilion.
    EVENT_PARTICIPATION(EventParticipation.class, coded("050", "COOPERATE"), true),
    MULTILATERAL_STATEMENT(MultilateralStatement.class, coded("1122", "ACCUSE"), true),
    POLICY_OPPOSITION(PolicyOpposition.class, coded("111", "ACCUSE"), true),
    PERSONAL_SANCTION(PersonalSanction.class, coded("172", "SANCTION"), true),
    DIPLOMAT_SUMMONED(DiplomatSummoned.class, coded("114", "ACCUSE"), true),
    // Incidents say when they happened or when they were disclosed, or both (checked by the type).
    ESPIONAGE_ALLEGATION(EspionageAllegation.class, coded("1125", "ACCUSE"), false),
    // CAMEO has no cyber code; 1125 "accuse of espionage" is the nearest.
    CYBER_INCIDENT(CyberIncident.class, coded("1125", "COERCE"), false),
    TRADE_STATISTIC_REPORTED(TradeStatisticReported.class, EventCoding.NONE, true),
    NOTABLE_PERSON_LINKED(NotablePersonLinked.class, EventCoding.NONE, true),
    RELATED_RELATION_LINKED(RelatedRelationLinked.class, EventCoding.NONE, false),
    // Coded per fact: by its CAMEO code (Interaction) or by its kind (the record's coding()).
    INTERACTION(Interaction.class, EventCoding.NONE, true),
    MEMBERSHIP_CHANGED(MembershipChanged.class, EventCoding.NONE, true),
    ECONOMIC_MEASURE(EconomicMeasure.class, EventCoding.NONE, true),
    LEGAL_DISPUTE(LegalDispute.class, EventCoding.NONE, true),
    REPRESENTATION_CHANGED(RepresentationChanged.class, EventCoding.NONE, true),
    // Corrections: the envelope's factId names the corrected fact; they carry no date of their own.
    FACT_AMENDED(FactAmended.class, EventCoding.NONE, false),
    FACT_RETRACTED(FactRetracted.class, EventCoding.NONE, false);

    private final Class<? extends RelationEvent> javaType;
    private final EventCoding coding;
    private final boolean occurredRequired;

    EventType(Class<? extends RelationEvent> javaType, EventCoding coding, boolean occurredRequired) {
        this.javaType = javaType;
        this.coding = coding;
        this.occurredRequired = occurredRequired;
    }

    /** The code's coding from the shipped codebook, under the PLOVER category nearest to the type. */
    private static EventCoding coded(String cameo, String plover) {
        return CameoCodebook.coding(cameo).withPlover(plover);
    }

    /** The name on the wire and in the API: the record's simple name. */
    public String wireName() {
        return javaType.getSimpleName();
    }

    public Class<? extends RelationEvent> javaType() {
        return javaType;
    }

    /** Every type is at version 1 until its first incompatible change (then: an upcaster). */
    public int schemaVersion() {
        return 1;
    }

    public EventCoding coding() {
        return coding;
    }

    /** Each fact of the type is coded by its own CAMEO code or kind ({@link RelationEvent#coding()}), not by the type. */
    public boolean codedPerFact() {
        return switch (this) {
            case INTERACTION, MEMBERSHIP_CHANGED, ECONOMIC_MEASURE, LEGAL_DISPUTE, REPRESENTATION_CHANGED -> true;
            default -> false;
        };
    }

    public boolean occurredRequired() {
        return occurredRequired;
    }

    /** A correction of an existing fact, not a fact of its own. */
    public boolean isCorrection() {
        return this == FACT_AMENDED || this == FACT_RETRACTED;
    }

    // Looked up several times for every event read, validated, encoded or projected: maps, not a
    // scan of the catalogue (which cloned values() and ran a stream on each call, about 5 % of
    // what a bulk ingestion allocated).
    private static final Map<Class<?>, EventType> BY_JAVA_TYPE;
    private static final Map<String, EventType> BY_WIRE_NAME;

    static {
        Map<Class<?>, EventType> byJavaType = new HashMap<>();
        Map<String, EventType> byWireName = new HashMap<>();
        for (EventType t : values()) {
            byJavaType.put(t.javaType, t);
            byWireName.put(t.wireName(), t);
        }
        BY_JAVA_TYPE = Map.copyOf(byJavaType);
        BY_WIRE_NAME = Map.copyOf(byWireName);
    }

    public static EventType of(RelationEvent event) {
        EventType type = BY_JAVA_TYPE.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException("not in the catalogue: " + event.getClass());
        }
        return type;
    }

    public static Optional<EventType> byWireName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
