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
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * Reads the events topic directly, as an outside consumer would. Everything here waits for
 * what it expects, with a bound, and says what it saw when the bound runs out: a 202 means
 * the broker has the records, not that a read-committed consumer sees them yet (a
 * transaction's commit markers are written after the producer's commit returns).
 */
final class TopicRecords {

    static final Duration BOUND = Duration.ofSeconds(30);

    private TopicRecords() {
    }

    /**
     * The end of each partition as the broker has it (the high watermark: every record
     * written, committed or not, and the transactions' markers), once the topic exists and
     * no transaction is open on it: a batch answered just before still has its commit
     * markers coming, and a barrier read against an end without them would be off by one.
     */
    static Map<Integer, Long> ends(String servers) {
        try (KafkaConsumer<String, byte[]> all = consumer(servers, "read_uncommitted");
             KafkaConsumer<String, byte[]> committed = consumer(servers, "read_committed")) {
            List<TopicPartition> parts = partitions(all);
            Map<Integer, Long> ends = new TreeMap<>();
            // In this thread: the consumers are closed here, never while another thread uses them.
            await("no transaction open on the events topic").atMost(BOUND).pollInterval(Duration.ofMillis(50)).pollInSameThread().until(() -> {
                Map<TopicPartition, Long> written = all.endOffsets(parts);
                ends.clear();
                written.forEach((tp, end) -> ends.put(tp.partition(), end));
                return written.equals(committed.endOffsets(parts));
            });
            return ends;
        }
    }

    /**
     * The first {@code count} committed records after the given ends, waiting until there
     * are that many; fails, listing what it read, when they do not come within the bound.
     */
    static List<ConsumerRecord<String, byte[]>> awaitCommitted(String servers, Map<Integer, Long> from, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(servers, "read_committed")) {
            List<TopicPartition> parts = partitions(c);
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, from.getOrDefault(tp.partition(), 0L)));
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " committed records after " + from + " within " + BOUND
                    + ", read " + records.size() + ": " + records.stream().map(r -> r.partition() + "@" + r.offset()).toList());
        }
        return records;
    }

    /** The committed record at this position, once a read-committed consumer sees it. */
    static ConsumerRecord<String, byte[]> at(String servers, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> c = consumer(servers, "read_committed")) {
            TopicPartition tp = new TopicPartition(Topics.EVENTS, partition);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            List<Long> seen = new ArrayList<>();
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    seen.add(r.offset());
                }
            }
            throw new AssertionError("no committed record at " + tp + "@" + offset + " within " + BOUND + "; read offsets " + seen);
        }
    }

    /**
     * Asserts that nothing reached the log since {@code before} (from {@link #ends}) but the
     * barrier: one event accepted after the requests under test were answered. The broker
     * appends a partition's records in the order it receives them, so anything those
     * requests had written to the barrier's partition lies before it; all tests write one
     * dyad, whose records share that partition.
     */
    static void assertOnlyTheBarrierSince(String servers, Map<Integer, Long> before, int barrierPartition, long barrierOffset) {
        Map<Integer, Long> expected = new TreeMap<>(before);
        expected.merge(barrierPartition, 1L, Long::sum);
        if (before.getOrDefault(barrierPartition, 0L) != barrierOffset) {
            throw new AssertionError("the barrier is at " + barrierPartition + "@" + barrierOffset + ", so "
                    + (barrierOffset - before.getOrDefault(barrierPartition, 0L)) + " records reached partition "
                    + barrierPartition + " before it (the log ended at " + before + ")");
        }
        Map<Integer, Long> now = ends(servers);
        if (!now.equals(expected)) {
            throw new AssertionError("the log ends at " + now + ", expected " + expected + " (before: " + before
                    + ", plus the barrier at " + barrierPartition + "@" + barrierOffset + ")");
        }
    }

    /** The topic's partitions, once it exists (event-service creates it at start, off the start-up path). */
    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts = new ArrayList<>();
        await("the events topic exists").atMost(BOUND).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
            parts.clear();
            c.partitionsFor(Topics.EVENTS).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            return !parts.isEmpty();
        });
        return parts;
    }

    private static KafkaConsumer<String, byte[]> consumer(String servers, String isolation) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", servers, "isolation.level", isolation,
                "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
