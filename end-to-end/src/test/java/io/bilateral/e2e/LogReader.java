package io.bilateral.e2e;

import io.bilateral.events.envelope.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads the whole events topic as an outside consumer would. */
final class LogReader {

    private LogReader() {
    }

    /** Records with this key, read committed (what every consumer of the log sees) or not. */
    static long countKey(String servers, String key, boolean committedOnly) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", servers,
                "isolation.level", committedOnly ? "read_committed" : "read_uncommitted", "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            c.assign(parts);
            c.seekToBeginning(parts);
            long count = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
