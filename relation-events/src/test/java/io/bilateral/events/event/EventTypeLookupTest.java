package io.bilateral.events.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's lookup by wire name (by Java type: EveryTypeRoundTripTest in event-service, on a sample of each). */
class EventTypeLookupTest {

    @Test
    void everyTypeIsFoundByItsWireName() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.byWireName(type.javaType().getSimpleName())).contains(type);
        }
    }

    @Test
    void anUnknownMisspelledOrMissingNameIsNoType() {
        assertThat(EventType.byWireName("NoSuchFact")).isEmpty();
        assertThat(EventType.byWireName("officialVisit")).isEmpty();
        assertThat(EventType.byWireName("")).isEmpty();
        assertThat(EventType.byWireName(null)).isEmpty();
    }
}
