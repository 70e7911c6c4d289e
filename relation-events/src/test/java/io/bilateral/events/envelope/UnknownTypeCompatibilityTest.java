package io.bilateral.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema change: a newer writer publishes a type today's reader does not know, or a newer
 * version of a type it knows. The unknown type is refused by name (the consumer logs and
 * passes over it); a newer version is read for the fields the reader knows.
 */
class UnknownTypeCompatibilityTest {

    @Test
    void eventOfATypeTodaysReaderDoesNotKnow_isRefusedByName() {
        ObjectNode newer = EventJson.toJson(EventJsonTest.relationsEstablished());
        newer.put("type", "ParliamentaryFriendshipGroupFounded");

        assertThatThrownBy(() -> EventJson.fromJson(newer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a known event");
    }

    @Test
    void newerVersionOfAKnownType_isReadForTheFieldsTheReaderKnows() {
        EventEnvelope today = EventJsonTest.relationsEstablished();
        ObjectNode newer = EventJson.toJson(today);
        newer.put("schemaVersion", 2);
        newer.put("level", "ambassador");

        assertThat(EventJson.fromJson(newer)).isEqualTo(today);
    }
}
