package io.bilateral.ingest.publish;

import io.bilateral.ingest.config.IngestConfig;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The batch producers against the real broker: batches commit side by side, each all or
 * nothing, and a new run fences every producer of the one before. Each test has a topic and
 * {@code transactional.id}s of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class TransactionalProducersTest {

    static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    IngestConfig config;

    private static String servers() {
        return TestStackResource.stack().kafkaBootstrapServers();
    }

    private TransactionalProducers pool(String baseId, int size) {
        return new TransactionalProducers(baseId, size, id -> BatchPublisher.open(servers(), config, id));
    }

    @Test
    void aBatchCommits_whileAnotherBatchsTransactionIsStillOpen_andTheOpenOneAbortsAlone() throws Exception {
        String topic = topic(2);
        try (TransactionalProducers pool = pool("tx-" + UUID.randomUUID(), 2)) {
            TransactionalProducers.Slot open = pool.take(BOUND);
            open.producer.beginTransaction();
            open.producer.send(record(topic, 0, "left-open")).get();

            // Free at once: the open transaction does not hold the other producer.
            TransactionalProducers.Slot other = pool.take(Duration.ZERO);
            assertThat(other.transactionalId).isNotEqualTo(open.transactionalId);
            other.producer.beginTransaction();
            other.producer.send(record(topic, 1, "committed")).get();
            other.producer.commitTransaction();
            pool.give(other);

            assertThat(keysCommitted(topic, 1, 1)).as("the second batch, read committed while the first is open")
                    .containsExactly("committed");

            open.producer.abortTransaction();
            pool.give(open);
            awaitNoOpenTransaction(topic);
            assertThat(keysCommitted(topic, 0, 0)).as("the aborted batch: nothing of it").isEmpty();
        }
    }

    @Test
    void whenEveryProducerIsHeld_theNextBatchWaitsItsBound_thenGetsTheOneGivenBack() {
        try (TransactionalProducers pool = pool("tx-" + UUID.randomUUID(), 1)) {
            TransactionalProducers.Slot held = pool.take(BOUND);
            assertThatThrownBy(() -> pool.take(Duration.ofMillis(200)))
                    .isInstanceOf(BrokerUnavailableException.class).hasMessageContaining("busy");
            pool.give(held);
            TransactionalProducers.Slot next = pool.take(Duration.ZERO);
            assertThat(next.producer).as("the same producer, reused").isSameAs(held.producer);
            pool.give(next);
        }
    }

    @Test
    void aNewRun_abortsWhatEveryProducerOfTheRunBeforeLeftOpen_onItsFirstBatch() throws Exception {
        String topic = topic(3);
        String baseId = "tx-" + UUID.randomUUID();
        TransactionalProducers crashed = pool(baseId, 3);
        List<TransactionalProducers.Slot> held = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            TransactionalProducers.Slot slot = crashed.take(BOUND);
            slot.producer.beginTransaction();
            slot.producer.send(record(topic, p, "never-committed")).get();
            held.add(slot);
        }
        assertThat(openTransactionOn(topic)).as("three transactions left open").isTrue();

        // The broker's own timeout (bilateral.publish.batch-timeout, 2 min) would end them
        // long after this bound: only fencing every id of the run before does it in time.
        try (TransactionalProducers restarted = pool(baseId, 3)) {
            restarted.give(restarted.take(BOUND));
            awaitNoOpenTransaction(topic);
            for (int p = 0; p < 3; p++) {
                assertThat(keysCommitted(topic, p, 0)).as("partition %d", p).isEmpty();
            }
        } finally {
            held.forEach(crashed::discard);
            crashed.close();
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, int partition, String key) {
        return new ProducerRecord<>(topic, partition, key, key.getBytes(StandardCharsets.UTF_8));
    }

    private static String topic(int partitions) throws Exception {
        String name = "tx-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        return name;
    }

    private static KafkaConsumer<String, byte[]> consumer(String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        return c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static boolean openTransactionOn(String topic) {
        try (KafkaConsumer<String, byte[]> all = consumer("read_uncommitted"); KafkaConsumer<String, byte[]> committed = consumer("read_committed")) {
            List<TopicPartition> parts = partitions(all, topic);
            // Assigned, so that the consumers keep the offsets they are told (else they log each one away).
            all.assign(parts);
            committed.assign(parts);
            return !all.endOffsets(parts).equals(committed.endOffsets(parts));
        }
    }

    private static void awaitNoOpenTransaction(String topic) {
        await("no transaction open on " + topic).atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> !openTransactionOn(topic));
    }

    /**
     * The committed keys of one partition: waits until there are {@code expected} of them,
     * or, with {@code expected} 0, reads up to the partition's committed end.
     */
    private static List<String> keysCommitted(String topic, int partition, int expected) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer("read_committed")) {
            TopicPartition tp = new TopicPartition(topic, partition);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (System.nanoTime() < deadline && (expected > 0 ? keys.size() < expected : c.position(tp) < end)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    keys.add(r.key());
                }
            }
        }
        return keys;
    }
}
