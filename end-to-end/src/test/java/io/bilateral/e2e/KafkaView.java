package io.bilateral.e2e;

import io.bilateral.events.envelope.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** What the broker says about the events topic and the consumer groups on it. */
final class KafkaView implements AutoCloseable {

    private final Admin admin;

    KafkaView(String servers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", servers, "request.timeout.ms", 5000, "default.api.timeout.ms", 10_000));
    }

    /**
     * Each partition's end for a read-committed consumer (the last stable offset). After a
     * committed transaction it is one past the commit marker, so a projection that applied
     * everything stores one less: the offset after the last record.
     */
    Map<Integer, Long> committedEnds() {
        return ends(IsolationLevel.READ_COMMITTED);
    }

    /** Each partition's end, transactions open or aborted included: anything written at all moves it. */
    Map<Integer, Long> rawEnds() {
        return ends(IsolationLevel.READ_UNCOMMITTED);
    }

    private Map<Integer, Long> ends(IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        get(admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames()).get(Topics.EVENTS).partitions()
                .forEach(p -> request.put(new TopicPartition(Topics.EVENTS, p.partition()), OffsetSpec.latest()));
        Map<Integer, Long> ends = new TreeMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all())
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /**
     * The group's members, each with the partitions of the events topic it has now (member id to
     * partitions); none while the group does not exist yet (its first member has not joined).
     */
    Map<String, Set<Integer>> assignments(String group) {
        ConsumerGroupDescription d;
        try {
            d = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
        Map<String, Set<Integer>> members = new TreeMap<>();
        for (MemberDescription m : d.members()) {
            members.put(m.consumerId(), m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(Topics.EVENTS)).map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return members;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
