package io.bilateral.events.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsKafkaTest {

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 3, 42L, 0L, TimestampType.CREATE_TIME, 0, 0,
                sent.key(), sent.value(), sent.headers(), Optional.empty());
    }

    @Test
    void record_isKeyedByDyad_andRoundTrips() {
        EventEnvelope event = EventJsonTest.relationsEstablished();
        ProducerRecord<String, byte[]> record = CloudEventsKafka.toRecord(Topics.EVENTS, event, CloudEventsKafka.DEFAULT_SOURCE);

        assertThat(record.key()).isEqualTo("BEL-CHN");
        ConsumerRecord<String, byte[]> consumed = asConsumed(record);
        assertThat(CloudEventsKafka.fromRecord(consumed)).isEqualTo(event);
        assertThat(CloudEventsKafka.position(consumed)).isEqualTo(new LogPosition(3, 42L));
    }

    @Test
    void record_isReadableByTheCloudEventsSdk_inBinaryMode() {
        EventEnvelope event = EventJsonTest.relationsEstablished();
        ProducerRecord<String, byte[]> record = CloudEventsKafka.toRecord(Topics.EVENTS, event, CloudEventsKafka.DEFAULT_SOURCE);

        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            sdk.configure(Map.of(), false);
            CloudEvent ce = sdk.deserialize(Topics.EVENTS, record.headers(), record.value());
            assertThat(ce.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(ce.getId()).isEqualTo(event.metadata().eventId().toString());
            assertThat(ce.getType()).isEqualTo("io.bilateral.DiplomaticRelationsEstablished.v1");
            assertThat(ce.getSource()).isEqualTo(URI.create("/bilateral/event-service"));
            assertThat(ce.getSubject()).isEqualTo("BEL-CHN");
            assertThat(ce.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-28T10:15:30.123Z"));
            assertThat(ce.getDataContentType()).isEqualTo("application/json");
            assertThat(new String(ce.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"occurred\":\"1971-10-25\"");
        }
    }
}
