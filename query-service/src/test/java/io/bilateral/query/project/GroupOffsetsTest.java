package io.bilateral.query.project;

import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer group's own offsets, which tools such as kafka-consumer-groups read, reach what
 * the projection applied although they are not written after every batch: when the log goes
 * quiet, what was applied is written. (An interval of an hour here: only the quiet can write them.)
 */
@QuarkusTest
@TestProfile(GroupOffsetsTest.RarelyWritten.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class GroupOffsetsTest implements ReadyFirst {

    public static class RarelyWritten implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.projection.group-offsets-interval", "1h");
        }
    }

    @Test
    void theGroupOffsets_reachTheLastAppliedEvent_onceTheLogIsQuiet() {
        // Two batches on one partition (one dyad); at most the first is written by the interval.
        LogPosition first = LogWriter.publish(Events.relationsEstablished("BEL-MLT", "1965"));
        LogWriter.awaitProjected(first);
        LogPosition second = LogWriter.publish(Events.relationsEstablished("BEL-MLT", "1966"));
        LogWriter.awaitProjected(second);
        TopicPartition partition = new TopicPartition(Topics.EVENTS, second.partition());
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", TestStackResource.stack().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("bilateral-query").partitionsToOffsetAndMetadata()
                        .get().get(partition);
                assertThat(committed).as("the group's offset of partition %d", partition.partition()).isNotNull();
                assertThat(committed.offset()).isEqualTo(second.offset() + 1);
            });
        }
    }
}
