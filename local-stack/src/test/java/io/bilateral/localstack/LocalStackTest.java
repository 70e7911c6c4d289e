package io.bilateral.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void stack_keepsKafkaRecordsAndDatabaseRows_acrossRestartOnTheSameDirectory() throws Exception {
        try (LocalStack stack = LocalStack.start(dir, 0, 0)) {
            String servers = stack.kafka().bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                admin.createTopics(List.of(new NewTopic("persisted", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", servers, "acks", "all"), new StringSerializer(), new StringSerializer())) {
                RecordMetadata ack = producer.send(new ProducerRecord<>("persisted", "BEL-CHN", "1971-10-25")).get();
                assertEquals(0, ack.offset());
            }
            try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                c.createStatement().execute("CREATE TABLE kept (v text)");
                c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
            }
        }

        try (LocalStack again = LocalStack.start(dir, 0, 0)) {
            assertEquals(List.of("BEL-CHN=1971-10-25"), readAll(again.kafka().bootstrapServers(), "persisted"));
            try (Connection c = DriverManager.getConnection(again.postgres().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
            }
        }
    }

    private static List<String> readAll(String servers, String topic) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", servers, "group.id", "reader", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }
}
