package io.bilateral.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.event.Certainty;
import io.bilateral.events.event.DiplomaticRelationsEstablished;
import io.bilateral.events.event.Source;
import io.bilateral.events.time.PartialDate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    static EventEnvelope relationsEstablished() {
        return new EventEnvelope(
                new EventMetadata(UUID.fromString("7d1f7a52-5b8e-4c8e-9a43-0f5f0e7f6a11"), "fact-1971",
                        Instant.parse("2026-11-28T10:15:30.123Z")),
                new DiplomaticRelationsEstablished(DyadId.parse("CHN-BEL"), PartialDate.parse("1971-10-25"),
                        List.of(new Source(URI.create("https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations"),
                                "Belgium–China relations", "Wikipedia", PartialDate.parse("2025-10"),
                                Instant.parse("2026-11-28T09:00:00Z"), "History")),
                        Certainty.CONFIRMED, "Diplomatic relations established", null));
    }

    @Test
    void event_roundTripsThroughJson() {
        EventEnvelope original = relationsEstablished();
        assertThat(EventJson.fromBytes(EventJson.toBytes(original))).isEqualTo(original);
    }

    @Test
    void json_isOneFlatObject_withTypeMetadataAndCoding() {
        ObjectNode json = EventJson.toJson(relationsEstablished());
        assertThat(json.path("type").asText()).isEqualTo("DiplomaticRelationsEstablished");
        assertThat(json.path("dyad").asText()).isEqualTo("BEL-CHN");
        assertThat(json.path("occurred").asText()).isEqualTo("1971-10-25");
        assertThat(json.path("eventId").asText()).isEqualTo("7d1f7a52-5b8e-4c8e-9a43-0f5f0e7f6a11");
        assertThat(json.path("recordedAt").asText()).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("coding").path("cameo").asText()).isEqualTo("054");
        assertThat(json.path("coding").path("goldstein").asDouble()).isEqualTo(6.0);
        assertThat(json.path("sources").get(0).path("published").asText()).isEqualTo("2025-10");
        assertThat(json.path("certainty").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void bytes_areTheSameJsonAsTheTree_withAndWithoutWhoRecordedIt() throws Exception {
        EventEnvelope plain = relationsEstablished();
        EventEnvelope signed = plain.recordedBy(new RecordedBy("alice", "https://idp.example.org", "newsroom-app"));
        for (EventEnvelope e : List.of(plain, signed)) {
            assertThat(EventJson.mapper().readTree(EventJson.toBytes(e))).isEqualTo(EventJson.toJson(e));
        }
    }

    @Test
    void unicodeText_survivesIntact() {
        EventEnvelope e = relationsEstablished();
        DiplomaticRelationsEstablished fact = (DiplomaticRelationsEstablished) e.event();
        EventEnvelope withChinese = new EventEnvelope(e.metadata(), new DiplomaticRelationsEstablished(
                fact.dyad(), fact.occurred(), fact.sources(), fact.certainty(), "中华人民共和国与比利时建交 — 习近平", null));
        assertThat(EventJson.fromBytes(EventJson.toBytes(withChinese))).isEqualTo(withChinese);
    }

    @Test
    void whoRecordedAnEvent_travelsInItsJson_andAnEventWithoutItReadsAsUnknown() {
        EventEnvelope e = relationsEstablished().recordedBy(new RecordedBy("alice", "https://idp.example.org", "newsroom-app"));
        assertThat(EventJson.fromBytes(EventJson.toBytes(e))).isEqualTo(e);
        assertThat(EventJson.toJson(e).get("recordedBy").get("subject").asText()).isEqualTo("alice");
        assertThat(EventJson.fromBytes(EventJson.toBytes(relationsEstablished())).metadata().recordedBy()).isNull();
        assertThat(EventJson.toJson(relationsEstablished()).has("recordedBy")).isFalse();
    }
}
