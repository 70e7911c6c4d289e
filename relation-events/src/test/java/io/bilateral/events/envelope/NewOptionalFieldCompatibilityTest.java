package io.bilateral.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // The log's path, which binds the bytes without a tree.
        assertThat(EventJson.fromBytes(newer.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(today);
    }

    @Test
    void eventWrittenInAnotherFieldOrder_readsTheSame_fromItsBytes() {
        EventEnvelope today = EventJsonTest.relationsEstablished().recordedBy(new RecordedBy("alice", "https://idp.example.org", null));
        ObjectNode written = EventJson.toJson(today);
        ObjectNode envelopeFirst = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("recordedBy", "coding", "recordedAt", "factId", "eventId", "schemaVersion")) {
            envelopeFirst.set(field, written.get(field));
        }
        written.fields().forEachRemaining(f -> envelopeFirst.putIfAbsent(f.getKey(), f.getValue()));
        assertThat(envelopeFirst.fieldNames().next()).isEqualTo("recordedBy");

        assertThat(EventJson.fromBytes(envelopeFirst.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(today);
    }

    @Test
    void valueWithoutAnEventId_isNotAnEvent() {
        ObjectNode json = EventJson.toJson(EventJsonTest.relationsEstablished());
        json.remove("eventId");

        assertThatThrownBy(() -> EventJson.fromBytes(json.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
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
