package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.Topics;
import io.bilateral.events.event.EventType;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document names the topic, its headers, and a message for every event type whose payload schema is served. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class AsyncApiTest implements ReadyFirst {

    @Test
    void everyEventType_isAMessageOfTheTopic_whosePayloadSchemaIsServed() {
        JsonPath doc = given().get("/asyncapi").then().statusCode(200).contentType("application/json").extract().jsonPath();

        assertThat(doc.getString("asyncapi")).isEqualTo("3.0.0");
        assertThat(doc.getString("channels.relationEvents.address")).isEqualTo(Topics.EVENTS);
        assertThat(doc.getString("channels.eventStream.address")).isEqualTo("/events/stream");
        assertThat(doc.getList("components.schemas.CloudEventsHeaders.required", String.class))
                .contains(CloudEventsKafka.ID, CloudEventsKafka.TYPE, CloudEventsKafka.SOURCE, CloudEventsKafka.SUBJECT,
                        CloudEventsKafka.SPEC_VERSION, CloudEventsKafka.TIME);
        Map<String, Object> topicMessages = doc.getMap("channels.relationEvents.messages");
        List<String> types = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
        assertThat(topicMessages.keySet()).containsExactlyInAnyOrderElementsOf(types);
        for (String type : types) {
            String payload = doc.getString("components.messages." + type + ".payload.$ref");
            assertThat(payload).isEqualTo("/schemas/" + type);
            given().get(payload).then().statusCode(200);
            assertThat(doc.getString("components.messages." + type + ".bindings.kafka.key.$ref")).isEqualTo("#/components/schemas/DyadKey");
        }
        // Every local reference points at something in the document.
        String text = given().get("/asyncapi").then().extract().asString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(text);
        int checked = 0;
        while (refs.find()) {
            assertThat((Object) doc.get(refs.group(1).replace('/', '.'))).as(refs.group(1)).isNotNull();
            checked++;
        }
        assertThat(checked).isGreaterThan(types.size());
    }
}
