package io.bilateral.query;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.events.envelope.Topics;
import io.bilateral.localstack.TestStackResource;
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
        return publish(event, Map.of());
    }

    /** As event-service publishes within a trace: these propagation fields ({@code traceparent}) in its headers. */
    public static LogPosition publish(EventEnvelope event, Map<String, String> trace) {
        String servers = TestStackResource.stack().kafkaBootstrapServers();
        ensureTopic(servers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            var record = CloudEventsKafka.toRecord(Topics.EVENTS, event, "/tests");
            trace.forEach((field, value) -> io.bilateral.events.envelope.TraceHeaders.put(record.headers(), field, value));
            RecordMetadata m = producer.send(record).get();
            return new LogPosition(m.partition(), m.offset());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the events in order with one producer; returns their positions. */
    public static List<LogPosition> publishAll(List<EventEnvelope> events) {
        String servers = TestStackResource.stack().kafkaBootstrapServers();
        ensureTopic(servers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "acks", "all", "max.in.flight.requests.per.connection", 1), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = events.stream()
                    .map(e -> producer.send(CloudEventsKafka.toRecord(Topics.EVENTS, e, "/tests"))).toList();
            List<LogPosition> positions = new java.util.ArrayList<>();
            for (var f : sent) {
                RecordMetadata m = f.get();
                positions.add(new LogPosition(m.partition(), m.offset()));
            }
            return positions;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the projection has committed the record at this position (applied or parked). */
    public static void awaitProjected(LogPosition p) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> storedNextOffset(p.partition()) > p.offset());
    }

    /** Waits until the projection has committed every one of these positions (applied or parked). */
    public static void awaitProjected(List<LogPosition> positions) {
        Map<Integer, Long> last = new java.util.TreeMap<>();
        positions.forEach(p -> last.merge(p.partition(), p.offset(), Math::max));
        last.forEach((partition, offset) -> awaitProjected(new LogPosition(partition, offset)));
    }

    /** Publishes the events in order and waits until the projection has committed the last. */
    public static void publishAndAwait(EventEnvelope... events) {
        LogPosition last = null;
        for (EventEnvelope e : events) {
            last = publish(e);
        }
        LogPosition awaited = last;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> storedNextOffset(awaited.partition()) > awaited.offset());
    }

    /** Waits until full-text search covers every event committed now: it follows the read models by its own lag. */
    public static void awaitSearchIndexed() throws java.sql.SQLException {
        long head = scalar("SELECT last_seq FROM stream_head");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> scalar("SELECT last_seq FROM search_position") >= head);
    }

    private static long scalar(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                io.bilateral.localstack.LocalPostgres.USER, io.bilateral.localstack.LocalPostgres.PASSWORD);
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static long storedNextOffset(int partition) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                io.bilateral.localstack.LocalPostgres.USER, io.bilateral.localstack.LocalPostgres.PASSWORD);
             java.sql.PreparedStatement q = c.prepareStatement(
                     "SELECT next_offset FROM projection_offsets WHERE topic = ? AND partition = ?")) {
            q.setString(1, Topics.EVENTS);
            q.setInt(2, partition);
            java.sql.ResultSet rs = q.executeQuery();
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Creates the events topic as event-service does at start, unless it exists. */
    public static void createTopic() {
        ensureTopic(TestStackResource.stack().kafkaBootstrapServers());
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
