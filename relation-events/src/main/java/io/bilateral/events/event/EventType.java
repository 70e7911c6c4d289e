package io.bilateral.events.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of fact types: each type's name on the wire, the Java record that carries
 * it, its current schema version, and how CAMEO / PLOVER code it (codes and Goldstein scores
 * from the CAMEO codebook and the PLOVER manual, as listed in DOMAIN.md).
 */
public enum EventType {
    DIPLOMATIC_RELATIONS_ESTABLISHED(DiplomaticRelationsEstablished.class, 1,
            // CAMEO 054 "grant diplomatic recognition" is the nearest code.
            new EventCoding("054", 6.0, "SUPPORT"));

    private final Class<? extends RelationEvent> javaType;
    private final int schemaVersion;
    private final EventCoding coding;

    EventType(Class<? extends RelationEvent> javaType, int schemaVersion, EventCoding coding) {
        this.javaType = javaType;
        this.schemaVersion = schemaVersion;
        this.coding = coding;
    }

    /** The name on the wire and in the API: the record's simple name. */
    public String wireName() {
        return javaType.getSimpleName();
    }

    public Class<? extends RelationEvent> javaType() {
        return javaType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public EventCoding coding() {
        return coding;
    }

    public static EventType of(RelationEvent event) {
        return Arrays.stream(values()).filter(t -> t.javaType == event.getClass()).findFirst()
                .orElseThrow(() -> new IllegalStateException("not in the catalogue: " + event.getClass()));
    }

    public static Optional<EventType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
