package io.bilateral.e2e;

import io.bilateral.events.envelope.Topics;
import io.bilateral.localstack.LocalJwt;
import io.bilateral.localstack.LocalPostgres;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a cluster of three brokers and one controller (replication factor 3, {@code min.insync.replicas} 2), one
 * broker stops in the middle of a load: ingestion goes on, every event that was acknowledged
 * (202) is in the log and in the read models, and the projection goes on.
 */
class BrokerFailoverIT {

    private static final String[] PARTNERS = {"FRA", "DEU", "NLD", "LUX", "ITA", "ESP", "PRT", "AUT", "POL", "SWE"};

    @Test
    void oneOfThreeBrokersStops_duringALoad_ingestionAndProjectionGoOn_andNoAcknowledgedEventIsLost() throws Exception {
        Path dir = Path.of("target", "e2e-failover").toAbsolutePath();
        deleteRecursively(dir);
        try (KafkaClusterTestKit cluster = threeBrokers(dir.resolve("kafka"));
             LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0)) {
            LocalJwt jwt = LocalJwt.in(dir.resolve("jwt"));
            String editor = jwt.token("failover-editor", List.of("editor"), Duration.ofHours(1));
            Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.publicKey().toString(), "MP_JWT_VERIFY_ISSUER", LocalJwt.ISSUER);
            Map<String, String> eventEnv = new HashMap<>(common);
            eventEnv.put("BILATERAL_TOPIC_REPLICATION_FACTOR", "3");
            eventEnv.put("BILATERAL_PUBLISH_TIMEOUT", "5s");
            Map<String, String> queryEnv = new HashMap<>(common);
            queryEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
            queryEnv.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
            try (ServiceProcess events = ServiceProcess.start("event-service", jar("event-service"), E2eStack.freePort(), eventEnv, dir.resolve("logs"));
                 ServiceProcess queries = ServiceProcess.start("query-service", jar("query-service"), E2eStack.freePort(), queryEnv, dir.resolve("logs"))) {

                List<String> acknowledged = new ArrayList<>();
                int refusedAfterStop = 0;
                Integer stopped = null;
                for (int i = 0; i < 600; i++) {
                    if (i == 200) {
                        stopped = leaderOfMostPartitions(cluster.bootstrapServers());
                        BrokerServer broker = cluster.brokers().get(stopped);
                        broker.shutdown();
                        broker.awaitShutdown();
                    }
                    String eventId = UUID.randomUUID().toString();
                    // A client retries a refused POST with the same event id, as the API advises.
                    for (int attempt = 0; attempt < 5; attempt++) {
                        Response r = given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                                .body(fact(eventId, i)).post("/events");
                        if (r.statusCode() == 202) {
                            acknowledged.add(eventId);
                            break;
                        }
                        assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
                        if (stopped != null) {
                            refusedAfterStop++;
                        }
                    }
                }

                assertThat(stopped).isNotNull();
                assertThat(acknowledged).hasSizeGreaterThan(590);
                assertThat(LogReader.readAll(cluster.bootstrapServers()).eventIds()).containsAll(acknowledged);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> projected(postgres, acknowledged) == acknowledged.size());
                System.out.printf("broker %d (leader of the most partitions) stopped after 200 events; %d of 600 acknowledged; %d POSTs refused (503) after the stop%n",
                        stopped, acknowledged.size(), refusedAfterStop);
                // Readiness follows the lag, measured in the background.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        given().baseUri(queries.url()).get("/q/health/ready").then().statusCode(200));
            }
        }
    }

    /** The broker whose loss moves the most partition leaders; the topic must have 3 replicas everywhere. */
    private static int leaderOfMostPartitions(String servers) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", servers))) {
            var partitions = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get().get(Topics.EVENTS).partitions();
            assertThat(partitions).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            Map<Integer, Long> led = new HashMap<>();
            partitions.forEach(p -> led.merge(p.leader().id(), 1L, Long::sum));
            return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    private static KafkaClusterTestKit threeBrokers(Path base) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3).setBaseDirectory(base).build())
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    private static String fact(String eventId, int i) {
        return """
                {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-%s", "occurred": "%d", "eventId": "%s",
                 "sources": [{"url": "https://example.org/failover", "locator": "load %d"}]}"""
                .formatted(PARTNERS[i % PARTNERS.length], 1400 + i, eventId, i);
    }

    private static long projected(LocalPostgres postgres, List<String> eventIds) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM events WHERE event_id::text = ANY(?)")) {
            q.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Path jar(String service) {
        return Path.of(System.getProperty("bilateral." + service + ".jar"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
