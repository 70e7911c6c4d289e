package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the events topic directly, as an outside consumer would (read committed). */
final class TopicRecords {

    private TopicRecords() {
    }

    static long total(String servers) {
        try (KafkaConsumer<String, byte[]> c = consumer(servers)) {
            List<TopicPartition> parts = partitions(c);
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Map<Integer, Long> endOffsets(String servers) {
        try (KafkaConsumer<String, byte[]> c = consumer(servers)) {
            Map<Integer, Long> ends = new java.util.TreeMap<>();
            c.endOffsets(partitions(c)).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    /** Every committed record after the given end offsets, up to the current ends. */
    static List<ConsumerRecord<String, byte[]>> since(String servers, Map<Integer, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(servers)) {
            List<TopicPartition> parts = partitions(c);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, from.getOrDefault(tp.partition(), 0L)));
            long deadline = System.currentTimeMillis() + 15_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static ConsumerRecord<String, byte[]> at(String servers, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> c = consumer(servers)) {
            TopicPartition tp = new TopicPartition(Topics.EVENTS, partition);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
            throw new AssertionError("no record at " + tp + "@" + offset);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(Topics.EVENTS).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        return parts;
    }

    private static KafkaConsumer<String, byte[]> consumer(String servers) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", servers, "isolation.level", "read_committed",
                "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
