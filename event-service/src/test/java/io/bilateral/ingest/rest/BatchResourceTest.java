package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.time.Precision;
import io.bilateral.ingest.limit.InFlight;
import io.bilateral.ingest.validate.DemoData;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.localstack.LocalJwtTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class BatchResourceTest implements ReadyFirst {

    static final String EDITOR = LocalJwtTestResource.token("editor");

    private static String servers() {
        return TestStackResource.stack().kafkaBootstrapServers();
    }

    @Test
    void demoFile_loadsThroughTheBatchApi_andEverySeedFactIsInTheLog_withItsSourceAndPrecision() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        String ndjson = String.join("\n", DemoData.lines()) + "\n";

        given().auth().oauth2(EDITOR).contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/events/batch")
                .then().statusCode(202).body("accepted", equalTo(31));

        List<EventEnvelope> logged = TopicRecords.awaitCommitted(servers(), before, 31).stream()
                .map(CloudEventsKafka::fromRecord).toList();
        Map<String, Long> byType = logged.stream()
                .collect(Collectors.groupingBy(e -> e.type().wireName(), TreeMap::new, Collectors.counting()));
        // Every event of the batch says who submitted it: the token's subject and issuer.
        assertThat(logged).extracting(e -> e.metadata().recordedBy()).containsOnly(
                new io.bilateral.events.envelope.RecordedBy("test-editor", "https://bilateral.io/local", null));
        assertThat(byType).containsEntry("OfficialVisit", 8L).containsEntry("MissionRecorded", 5L)
                .containsEntry("RelatedRelationLinked", 4L).containsEntry("CyberIncident", 2L)
                .containsEntry("EspionageAllegation", 2L).containsEntry("TradeStatisticReported", 2L)
                .containsEntry("DiplomaticRelationsEstablished", 1L).containsEntry("ArmedConflict", 1L)
                .containsEntry("EventParticipation", 1L).containsEntry("MultilateralStatement", 1L)
                .containsEntry("PersonalSanction", 1L).containsEntry("PolicyOpposition", 1L)
                .containsEntry("DiplomatSummoned", 1L).containsEntry("NotablePersonLinked", 1L)
                .hasSize(14);
        assertThat(logged).hasSize(31).allSatisfy(e -> assertThat(e.event().sources().get(0).locator()).isNotBlank());
        EventEnvelope relations = logged.stream().filter(e -> e.metadata().factId().equals("bel-chn-relations-established")).findFirst().orElseThrow();
        assertThat(relations.event().occurred().precision()).isEqualTo(Precision.DAY);
        EventEnvelope zhu = logged.stream().filter(e -> e.metadata().factId().equals("bel-chn-visit-zhu-rongji-1991")).findFirst().orElseThrow();
        assertThat(zhu.event().occurred().precision()).isEqualTo(Precision.MONTH);
    }

    @Test
    void jsonArrayBatch_isCommittedWhole_andAnswersTheLastPositionPerPartition() {
        String batch = "[" + visit("1991-04", "Zhu Rongji") + "," + visit("1992-03", "Qian Qichen") + "]";
        Response r = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                .then().statusCode(202).body("accepted", equalTo(2)).extract().response();
        List<Map<String, Object>> positions = r.path("positions");
        assertThat(positions).isNotEmpty();
        for (Map<String, Object> p : positions) {
            ConsumerRecord<String, byte[]> rec = TopicRecords.at(servers(), (Integer) p.get("partition"), ((Number) p.get("offset")).longValue());
            assertThat(rec.key()).isEqualTo("BEL-CHN");
        }
        // The token a reader carries: one partition:offset pair per position.
        assertThat((String) r.path("consistencyToken")).isEqualTo(positions.stream()
                .map(p -> p.get("partition") + ":" + p.get("offset")).sorted().collect(java.util.stream.Collectors.joining(",")));
    }

    @Test
    void batchWithBadEvents_isRejectedWhole_listingEveryErrorByIndex_andPublishesNothing() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        String batch = "[" + visit("1991-04", "Zhu Rongji") + ","
                + visit("1991-02-30", "Nobody") + ","
                + visit("1992-03", "Qian Qichen").replace("\"hostState\": \"BEL\"", "\"hostState\": \"XYZ\"") + "]";

        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/1/occurred", "/2/hostState"))
                .body("errors.pointer", org.hamcrest.Matchers.not(hasItem(org.hamcrest.Matchers.startsWith("/0"))));
        assertNothingPublishedSince(before);
    }

    @Test
    void duplicateEventIdInsideABatch_isRejected() {
        String id = "\"eventId\": \"5f0c51f6-52a4-4c9e-8bb2-6f0e52f7d001\", ";
        String batch = "[" + visit("1991-04", "A").replaceFirst("\\{", "{" + id) + "," + visit("1992-03", "B").replaceFirst("\\{", "{" + id) + "]";
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                .then().statusCode(400)
                .body("errors[0].pointer", equalTo("/1/eventId"))
                .body("errors[0].detail", containsString("repeats the eventId of event 0"));
    }

    @Test
    void malformedNdjsonLine_isNamedByIndex() {
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson").body((visit("1991-04", "A") + "\n{\"type\": \n").getBytes(StandardCharsets.UTF_8))
                .post("/events/batch")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/1"))
                .body("errors[0].detail", containsString("line 2 is not one well-formed JSON value"));
    }

    @Test
    void twoEventsOnOneLine_areRefused_notHalfTaken() {
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson")
                .body((visit("1991-04", "A") + visit("1992-03", "B") + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/events/batch").then().statusCode(400).body("errors[0].pointer", equalTo("/0"));
    }

    @Test
    void blankLines_doNotShiftTheIndexes_butTheLineIsNamed() {
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson")
                .body((visit("1991-04", "A") + "\n\n" + visit("1991-02-30", "B") + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/events/batch").then().statusCode(400).body("errors[0].pointer", equalTo("/1/occurred"));
    }

    @Test
    void oversizedBatch_andTooManyEvents_are413ProblemJson_andPublishNothing() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        String many = String.join("\n", java.util.Collections.nCopies(201, visit("1991-04", "A")));
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson").body(many.getBytes(StandardCharsets.UTF_8)).post("/events/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("more than the limit of 200 events"));
        String longLine = visit("1991-04", "A".repeat(20_000));
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson").body(longLine.getBytes(StandardCharsets.UTF_8)).post("/events/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("event 0 (a line) is longer than the limit of 16384 bytes"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("[" + longLine + "]").post("/events/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("event 0 has a text longer than the limit of 16384 bytes"));
        String big = String.join("\n", java.util.Collections.nCopies(30, visit("1991-04", "A".repeat(10_000))));
        given().auth().oauth2(EDITOR).contentType("application/x-ndjson").body(big.getBytes(StandardCharsets.UTF_8)).post("/events/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("the batch is larger than the limit"));
        assertNothingPublishedSince(before);
    }

    @Inject
    InFlight inFlight;

    /**
     * Writes past what the service lets them hold at once (every batch's turn taken, or all
     * the memory set aside for writes) wait the configured second and are answered 503
     * problem+json with Retry-After, publishing nothing; once it is free again they go through.
     */
    @Test
    void writesPastTheBatchesOrMemoryHeldAtOnce_are503WithRetryAfter_publishNothing_andGoThroughOnceFree() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        String batch = "[" + visit("1991-04", "Zhu Rongji") + "]";
        List<InFlight.Held> turns = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                turns.add(inFlight.batch());
            }
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("detail", containsString("4 batches are being written already"));
        } finally {
            turns.forEach(InFlight.Held::close);
        }
        // What the writes before took is given back once their answers are made: waited for, bounded.
        int all = inFlight.capacityKib();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inFlight.freeKib()).isEqualTo(all));
        inFlight.take(all);
        try {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(visit("1991-04", "Zhu Rongji")).post("/events")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("detail", containsString("bilateral.limits.in-flight-memory"));
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("bilateral.limits.in-flight-memory"));
        } finally {
            inFlight.give(all);
        }
        assertNothingPublishedSince(before);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(batch).post("/events/batch")
                .then().statusCode(202).body("accepted", equalTo(1));
        // Everything taken for those writes was given back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inFlight.freeKib()).isEqualTo(all));
    }

    /** One event accepted now is the only record after {@code before}: the refused requests wrote nothing. */
    static void assertNothingPublishedSince(Map<Integer, Long> before) {
        Response barrier = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(visit("2000", "Barrier"))
                .post("/events").then().statusCode(202).extract().response();
        TopicRecords.assertOnlyTheBarrierSince(servers(), before, barrier.path("partition"), ((Number) barrier.path("offset")).longValue());
    }

    static String visit(String when, String who) {
        return "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-CHN\", \"occurred\": \"" + when + "\", "
                + "\"visitor\": {\"name\": \"" + who + "\"}, \"visitingState\": \"CHN\", \"hostState\": \"BEL\", "
                + "\"sources\": [{\"url\": \"https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations\"}]}";
    }
}
