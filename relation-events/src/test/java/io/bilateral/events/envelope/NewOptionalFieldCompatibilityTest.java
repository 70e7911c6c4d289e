package io.bilateral.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema change: a newer writer adds an optional field (to the fact, to a source, or to the
 * envelope). Today's reader must still read the event, unchanged in everything it knows.
 */
class NewOptionalFieldCompatibilityTest {

    @Test
    void eventWithAFieldAddedByANewerWriter_isStillReadByTodaysReader() {
        EventEnvelope today = EventJsonTest.relationsEstablished();
        ObjectNode newer = EventJson.toJson(today);
        newer.put("wikidataId", "Q16957060");
        ((ObjectNode) newer.path("sources").get(0)).put("archiveUrl", "https://web.archive.org/x");
        newer.putObject("provenance").put("importedBy", "newsroom-importer");

        assertThat(EventJson.fromJson(newer)).isEqualTo(today);
    }

    @Test
    void eventWithoutAnOptionalField_isRead_withThatFieldAbsent() {
        ObjectNode older = EventJson.toJson(EventJsonTest.relationsEstablished());
        older.remove("certainty");
        older.remove("summary");

        EventEnvelope read = EventJson.fromJson(older);
        assertThat(read.event().certainty()).isNull();
        assertThat(read.event().occurred().edtf()).isEqualTo("1971-10-25");
    }
}
