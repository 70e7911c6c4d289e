package io.bilateral.ingest.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.envelope.Topics;
import io.bilateral.events.event.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON → event → Kafka record (CloudEvents headers) → event, for every type in the catalogue. */
class EveryTypeRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = EventJson.mapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String SOURCE = "\"sources\": [{\"url\": \"https://example.org/report\"}]";

    /** Types the demo data does not use, with a sample each. */
    private static final Map<String, String> MORE_SAMPLES = Map.of(
            "DiplomaticRelationsChanged", "{\"type\": \"DiplomaticRelationsChanged\", \"dyad\": \"CHN-LTU\", \"occurred\": \"2021-11-21\", \"change\": \"DOWNGRADED\", \"initiatedBy\": \"CHN\", " + SOURCE + "}",
            "MissionOpened", "{\"type\": \"MissionOpened\", \"dyad\": \"LTU-TWN\", \"occurred\": \"2021-11-18\", \"mission\": {\"kind\": \"REPRESENTATIVE_OFFICE\", \"sendingState\": \"TWN\", \"hostState\": \"LTU\", \"city\": \"Vilnius\"}, " + SOURCE + "}",
            "MissionClosed", "{\"type\": \"MissionClosed\", \"dyad\": \"RUS-USA\", \"occurred\": \"2017-09\", \"mission\": {\"kind\": \"CONSULATE_GENERAL\", \"sendingState\": \"RUS\", \"hostState\": \"USA\", \"city\": \"San Francisco\"}, " + SOURCE + "}",
            "AgreementSigned", "{\"type\": \"AgreementSigned\", \"dyad\": \"BEL-CHN\", \"occurred\": \"2018~\", \"title\": \"Memorandum of understanding\", " + SOURCE + "}",
            "FactAmended", "{\"type\": \"FactAmended\", \"factId\": \"bel-chn-trade-2013\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, \"changes\": {\"value\": 20300000000}, \"reason\": \"corrected by the statistics office\", " + SOURCE + "}",
            "FactRetracted", "{\"type\": \"FactRetracted\", \"factId\": \"bel-chn-trade-2008\", \"dyad\": \"BEL-CHN\", \"basedOnRevision\": 1, \"reason\": \"SOURCE_WITHDRAWN\", " + SOURCE + "}");

    private static final JsonNode EXAMPLES = examples();

    private static JsonNode examples() {
        try (java.io.InputStream in = EveryTypeRoundTripTest.class.getResourceAsStream("/event-examples.json")) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachType_roundTripsThroughAKafkaRecord(EventType type) throws Exception {
        List<String> samples = new ArrayList<>(DemoData.lines().stream()
                .filter(l -> l.contains("\"type\": \"" + type.wireName() + "\"")).toList());
        Optional.ofNullable(MORE_SAMPLES.get(type.wireName())).ifPresent(samples::add);
        // And the example the OpenAPI document shows for it (event-examples.json).
        Optional.ofNullable(EXAMPLES.get(type.wireName())).map(JsonNode::toString).ifPresent(samples::add);
        assertThat(samples).as("a sample of " + type.wireName()).isNotEmpty();

        for (String sample : samples) {
            EventEnvelope event = reader.read(sample);
            assertThat(event.type()).isEqualTo(type);
            ProducerRecord<String, byte[]> record = CloudEventsKafka.toRecord(Topics.EVENTS, event, "/tests");
            ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, 7L, 0L,
                    TimestampType.CREATE_TIME, 0, 0, record.key(), record.value(), record.headers(), Optional.empty());

            assertThat(CloudEventsKafka.fromRecord(consumed)).isEqualTo(event);
            assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.TYPE))
                    .isEqualTo("io.bilateral." + type.wireName() + ".v1");
            assertThat(record.key()).isEqualTo(event.dyad().toString());
            // Nothing the client sent is lost on the way: every submitted field is in the record.
            JsonNode sent = JSON.readTree(sample);
            JsonNode stored = JSON.readTree(record.value());
            sent.fieldNames().forEachRemaining(f -> assertThat(stored.has(f)).as(type + " keeps " + f).isTrue());
            // The bytes (written straight from the records) are exactly the tree form, each field once.
            STRICT.readTree(record.value());
            assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(STRICT.writeValueAsString(EventJson.toJson(event)));
        }
    }
}
