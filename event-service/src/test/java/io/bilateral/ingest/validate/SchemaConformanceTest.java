package io.bilateral.ingest.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bilateral.events.event.EventType;
import io.bilateral.events.schema.EventSchemas;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the validator accepts, the published schemas accept too (checked by an independent validator). */
class SchemaConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDemoEvent_conformsToItsTypesSchema() throws Exception {
        for (String line : DemoData.lines()) {
            JsonNode event = JSON.readTree(line);
            EventType type = EventType.byWireName(event.path("type").asText()).orElseThrow();
            Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(EventSchemas.of(type)).validate(event);
            assertThat(problems).as(event.path("factId").asText()).isEmpty();
        }
    }
}
