package io.bilateral.events.envelope;

import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.OfficialVisit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events written before the CAMEO vocabulary (no {@code alsoConcerns}, a coding without root
 * and quad class) read as they did, and are coded today exactly as they were, plus root and quad class.
 */
class PreviousVocabularyCompatibilityTest {

    /** A record's value as the previous version wrote it to the log, byte for byte. */
    private static final String WRITTEN_BEFORE = """
            {"dyad":"BEL-CHN","occurred":"1991-04","sources":[{"url":"https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations"}],
             "certainty":"REPORTED","visitor":{"name":"Zhu Rongji"},"office":"Vice Premier","visitingState":"CHN","hostState":"BEL",
             "type":"OfficialVisit","eventId":"0b1c6f0e-8f6a-4c39-9d3e-3c0f6c2a1b01","factId":"bel-chn-visit-zhu-rongji-1991",
             "recordedAt":"2026-11-28T10:15:30.123456Z","schemaVersion":1,"coding":{"cameo":"042","goldstein":1.9,"plover":"CONSULT"}}""";

    @Test
    void anEventOfThePreviousVocabulary_readsAsBefore_andKeepsItsCoding() throws Exception {
        EventEnvelope read = EventJson.fromBytes(WRITTEN_BEFORE.getBytes(StandardCharsets.UTF_8));

        OfficialVisit visit = (OfficialVisit) read.event();
        assertThat(visit.alsoConcerns()).isNull();
        assertThat(visit.visitor().name()).isEqualTo("Zhu Rongji");
        assertThat(read.metadata().factId()).isEqualTo("bel-chn-visit-zhu-rongji-1991");
        assertThat(read.event().coding()).isEqualTo(new EventCoding("042", 1.9, "CONSULT", "04", 1));
        // Written again, it says everything it said before, field for field; the coding only gains root and quad class.
        com.fasterxml.jackson.databind.node.ObjectNode before = (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().readTree(WRITTEN_BEFORE);
        com.fasterxml.jackson.databind.node.ObjectNode now = EventJson.toJson(read);
        com.fasterxml.jackson.databind.JsonNode codingBefore = before.remove("coding");
        com.fasterxml.jackson.databind.JsonNode codingNow = now.remove("coding");
        assertThat(now).isEqualTo(before);
        codingBefore.fieldNames().forEachRemaining(field -> assertThat(codingNow.get(field)).as(field).isEqualTo(codingBefore.get(field)));
        assertThat(codingNow.get("root").asText()).isEqualTo("04");
        assertThat(codingNow.get("quadClass").asInt()).isEqualTo(1);
    }
}
