package io.bilateral.e2e;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/** Reads the whole events topic as an outside consumer would. */
final class LogReader {

    private LogReader() {
    }

    /** Records with this key, read committed (what every consumer of the log sees) or not. */
    static long countKey(String servers, String key, boolean committedOnly) {
        long[] count = {0};
        readToEnd(servers, committedOnly, r -> {
            if (key.equals(r.key())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * What a read-committed consumer finds in the whole log.
     *
     * @param records     every record, a re-published event as often as it was published
     * @param eventIds    the distinct event ids ({@code ce_id})
     * @param nextOffsets per partition with records: the offset after its last record
     * @param ends        per partition: its end for a read-committed consumer when it was read.
     *                    It is past the marker that commits the last transaction (which no
     *                    consumer is handed), so a caught-up projection stores a next offset
     *                    from {@code nextOffsets} (the record after its last) to {@code ends}
     *                    (its consumer's position past the marker).
     */
    record Contents(long records, Set<String> eventIds, Map<Integer, Long> nextOffsets, Map<Integer, Long> ends) {
    }

    /** Reads every partition from the beginning to its end, as committed now. */
    static Contents readAll(String servers) {
        long[] records = {0};
        Set<String> ids = new HashSet<>();
        Map<Integer, Long> next = new TreeMap<>();
        Map<Integer, Long> ends = readToEnd(servers, true, r -> {
            records[0]++;
            ids.add(CloudEventsKafka.header(r.headers(), CloudEventsKafka.ID));
            next.merge(r.partition(), r.offset() + 1, Math::max);
        });
        return new Contents(records[0], ids, next, ends);
    }

    /**
     * Hands every record from the beginning of each partition up to its end as it is now (for
     * the isolation asked) to {@code each}; returns those ends by partition.
     *
     * <p>Read committed, it first waits (with a bound) until no transaction is open on the log:
     * a batch answered 202 has its commit markers written after the answer, and one cut off by
     * a failure is aborted only when its producer starts again. Until then a read-committed
     * consumer stops short of them, and a count taken then would be one of a log still changing.
     */
    private static Map<Integer, Long> readToEnd(String servers, boolean committedOnly, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> c = consumer(servers, committedOnly ? "read_committed" : "read_uncommitted")) {
            List<TopicPartition> parts = c.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (committedOnly) {
                awaitSettled(servers, c, parts);
            }
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 120_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the log was not read to its end " + ends + " within 120 s");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
            Map<Integer, Long> byPartition = new TreeMap<>();
            ends.forEach((tp, end) -> byPartition.put(tp.partition(), end));
            return byPartition;
        }
    }

    /** Waits until every partition's end for a read-committed consumer is its end as written: no transaction open. */
    private static void awaitSettled(String servers, KafkaConsumer<String, byte[]> committed, List<TopicPartition> parts) {
        try (KafkaConsumer<String, byte[]> written = consumer(servers, "read_uncommitted")) {
            AtomicReference<Map<TopicPartition, Long>> committedEnds = new AtomicReference<>();
            AtomicReference<Map<TopicPartition, Long>> writtenEnds = new AtomicReference<>();
            try {
                await("no transaction open on the log").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .pollInSameThread().until(() -> {
                            committedEnds.set(committed.endOffsets(parts));
                            writtenEnds.set(written.endOffsets(parts));
                            return committedEnds.get().equals(writtenEnds.get());
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the log did not settle within 120 s: committed ends " + committedEnds.get()
                        + ", written ends " + writtenEnds.get(), e);
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String servers, String isolation) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", servers, "isolation.level", isolation,
                "enable.auto.commit", "false", "max.poll.records", "5000"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
