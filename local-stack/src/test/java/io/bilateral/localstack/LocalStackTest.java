package io.bilateral.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void stack_keepsKafkaRecordsAndDatabaseRows_acrossRestartOnTheSameDirectory() throws Exception {
        try (LocalStack stack = LocalStack.start(dir, 0, 0)) {
            String servers = stack.kafka().bootstrapServers();
            assertEquals(0, publishToNewTopic(servers, "persisted", "BEL-CHN", "1971-10-25"));
            keepARow(stack.postgres());
        }

        try (LocalStack again = LocalStack.start(dir, 0, 0)) {
            assertEquals(List.of("BEL-CHN=1971-10-25"), readAll(again.kafka().bootstrapServers(), "persisted"));
            assertRowKept(again.postgres());
        }
    }

    @Test
    void secondStack_onADirectoryInUse_isRefusedBeforeItStartsAnything_andTheFirstKeepsWorkingAndStops() throws Exception {
        // Bounded: a broker whose metadata a second one had touched waited minutes in its
        // controlled shutdown (seen on 2026-12-06 after a second `./bilateral run` on one directory).
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (LocalStack first = LocalStack.start(dir, 0, 0)) {
                // The same ports, as the run command gives both (a second `./bilateral run`).
                DirectoryInUseException refused = assertThrows(DirectoryInUseException.class,
                        () -> LocalStack.start(dir, first.kafka().port(), first.postgres().port()));
                assertTrue(refused.getMessage().contains("another local stack is using " + dir), refused.getMessage());

                String servers = first.kafka().bootstrapServers();
                assertEquals(0, publishToNewTopic(servers, "after-refusal", "BEL-CHN", "still served"));
                try (Connection c = DriverManager.getConnection(first.postgres().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                     ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
        });
        // Once the first has stopped, the directory is free again.
        try (LocalStack next = LocalStack.start(dir, 0, 0)) {
            assertEquals(List.of("BEL-CHN=still served"), readAll(next.kafka().bootstrapServers(), "after-refusal"));
        }
    }

    @Test
    void freshStart_onADirectoryInUse_isRefusedAndDeletesNothing_andOnceFree_startsOnAnEmptyDirectory() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (LocalStack first = LocalStack.start(dir, 0, 0)) {
                String servers = first.kafka().bootstrapServers();
                assertEquals(0, publishToNewTopic(servers, "kept-while-running", "BEL-CHN", "acknowledged"));
                keepARow(first.postgres());
                Files.writeString(dir.resolve("editor.token"), "the running stack's token");

                // `./bilateral run --fresh` on a directory a running system uses.
                DirectoryInUseException refused = assertThrows(DirectoryInUseException.class,
                        () -> LocalStack.startEmpty(dir, first.kafka().port(), first.postgres().port()));
                assertTrue(refused.getMessage().contains("another local stack is using " + dir), refused.getMessage());

                assertEquals("the running stack's token", Files.readString(dir.resolve("editor.token")));
                assertEquals(List.of("BEL-CHN=acknowledged"), readAll(servers, "kept-while-running"));
                assertRowKept(first.postgres());
            }
        });
        // Stopped: now --fresh may empty it, and the new stack has none of the old data.
        try (LocalStack fresh = LocalStack.startEmpty(dir, 0, 0)) {
            assertFalse(Files.exists(dir.resolve("editor.token")));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", fresh.kafka().bootstrapServers()))) {
                assertFalse(admin.listTopics().names().get().contains("kept-while-running"));
            }
            try (Connection c = DriverManager.getConnection(fresh.postgres().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                 ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('kept') IS NULL")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "the old database's table is gone");
            }
        }
    }

    /** Creates a topic of one partition and has the broker acknowledge one record in it; its offset. */
    private static long publishToNewTopic(String servers, String topic, String key, String value) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", servers, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
        }
    }

    private static void keepARow(LocalPostgres postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            c.createStatement().execute("CREATE TABLE kept (v text)");
            c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
        }
    }

    private static void assertRowKept(LocalPostgres postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
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
