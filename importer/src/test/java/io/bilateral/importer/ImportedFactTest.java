package io.bilateral.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.importer.gdelt.GdeltRowConverter;
import io.bilateral.importer.gdelt.GdeltRowWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportedFactTest {

    @Test
    void submission_isOneLineOfTheFactsFieldsWithTypeAndIds_andNothingTheServerAssigns() throws Exception {
        ImportedFact fact = ((GdeltRowConverter.Converted) new GdeltRowConverter()
                .convert(new GdeltRowWriter(77L).actor1("ROM", "ROMANIA").actor2("HUN", "HUNGARY").code("163").line())).fact();

        String line = fact.submission();
        JsonNode json = EventJson.mapper().readTree(line);

        assertThat(line).doesNotContain("\n");
        assertThat(json.path("type").asText()).isEqualTo("Interaction");
        assertThat(json.path("eventId").asText()).isEqualTo(FactIds.gdeltEventId(77L).toString());
        assertThat(json.path("factId").asText()).isEqualTo("hun-rou-gdelt-77");
        assertThat(json.path("dyad").asText()).isEqualTo("HUN-ROU");
        assertThat(json.path("actor").asText()).isEqualTo("ROU");
        assertThat(json.path("target").asText()).isEqualTo("HUN");
        assertThat(json.path("cameo").asText()).isEqualTo("163");
        assertThat(json.path("occurred").asText()).isEqualTo("2025-03-14");
        assertThat(json.path("certainty").asText()).isEqualTo("REPORTED");
        assertThat(json.path("gdeltEventId").asLong()).isEqualTo(77L);
        assertThat(json.path("sources").get(0).path("url").asText()).isEqualTo("https://news.example.org/2025/03/14/story-77.html");
        assertThat(json.path("sources").get(0).path("retrievedAt").asText()).isEqualTo("2025-03-14T12:00:00Z");
        assertThat(json.has("coding")).isFalse();
        assertThat(json.has("recordedAt")).isFalse();
        assertThat(json.has("schemaVersion")).isFalse();
        // Read back as the contract reads it: the same fact.
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json;
        node.put("recordedAt", "2026-01-01T00:00:00Z");
        assertThat(EventJson.fromJsonStrictly(node).event()).isEqualTo(fact.event());
    }
}
