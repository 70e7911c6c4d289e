package io.bilateral.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Set<ValidationMessage> validate(EventType type, String json) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(EventSchemas.of(type));
        return schema.validate(JSON.readTree(json));
    }

    @Test
    void everyType_hasASchema_requiringItsFields_andRefusingUnknownOnes() {
        assertThat(EventSchemas.all()).hasSize(EventType.values().length);
        ObjectNode visit = EventSchemas.of(EventType.OFFICIAL_VISIT);
        assertThat(visit.path("$id").asText()).isEqualTo("https://bilateral.io/schemas/OfficialVisit/v1");
        assertThat(visit.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(visit.path("required").toString()).contains("\"dyad\"", "\"sources\"", "\"visitor\"", "\"visitingState\"", "\"occurred\"", "\"type\"");
        assertThat(visit.path("properties").has(EventJson.RECORDED_AT)).isFalse();
        assertThat(EventSchemas.of(EventType.FACT_RETRACTED).path("required").toString()).contains("\"factId\"").doesNotContain("\"occurred\"");
    }

    @Test
    void aValidEvent_passes_andABadOne_failsAtTheField() throws Exception {
        String ok = """
                {"type": "OfficialVisit", "dyad": "BEL-CHN", "occurred": "1991-04", "visitor": {"name": "Zhu Rongji"},
                 "visitingState": "CHN", "hostState": "BEL", "sources": [{"url": "https://example.org/a"}]}""";
        assertThat(validate(EventType.OFFICIAL_VISIT, ok)).isEmpty();

        JsonNode bad = JSON.readTree(ok);
        ((ObjectNode) bad).put("occurred", "April 1991").put("hostState", "belgium").put("extra", 1);
        assertThat(validate(EventType.OFFICIAL_VISIT, bad.toString())).extracting(m -> m.getInstanceLocation().toString())
                .contains("$.occurred", "$.hostState");
        assertThat(validate(EventType.OFFICIAL_VISIT, bad.toString())).anyMatch(m -> m.getMessage().contains("extra"));
    }
}
