package io.bilateral.query;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.localstack.LocalStackTestResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Writes events to the real topic as event-service does, so the projection can be tested alone. */
public final class LogWriter {

    private LogWriter() {
    }

    public static LogPosition publish(EventEnvelope event) {
        String servers = LocalStackTestResource.stack().kafka().bootstrapServers();
        ensureTopic(servers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata m = producer.send(CloudEventsKafka.toRecord(Topics.EVENTS, event, "/tests")).get();
            return new LogPosition(m.partition(), m.offset());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensureTopic(String servers) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(Topics.EVENTS, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
