package io.bilateral.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Both services as packaged, as separate processes, on a real broker and a real database:
 * a fact posted to event-service goes through Kafka and the projection into PostgreSQL and
 * comes back from query-service; with the broker stopped, a POST is refused in bounded time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostToQueryIT {

    static final String RELATIONS_1971 = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "BEL-CHN", "occurred": "1971-10-25",
             "certainty": "CONFIRMED",
             "sources": [{"url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
                          "title": "Belgium–China relations", "publisher": "Wikipedia", "locator": "History"}]}""";

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;
    static String editor;

    @BeforeAll
    static void startSystem() {
        stack = E2eStack.start("PostToQueryIT");
        editor = stack.editorToken();
        events = stack.startEventService();
        queries = stack.startQueryService();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void postedFact_goesThroughTheLog_andIsServedByQueryService_forEitherOrderOfTheDyad() {
        Response accepted = given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(RELATIONS_1971)
                .when().post("/events")
                .then().statusCode(202).extract().response();
        String factId = accepted.path("factId");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().baseUri(queries.url()).get("/dyads/BEL-CHN").then().statusCode(200));
        String belChn = given().baseUri(queries.url()).get("/dyads/BEL-CHN").then().statusCode(200)
                .body("relationsSince.date", equalTo("1971-10-25"))
                .body("relationsSince.precision", equalTo("day"))
                .body("relationsSince.factId", equalTo(factId))
                .body("factCount", equalTo(1))
                .extract().asString();
        String chnBel = given().baseUri(queries.url()).get("/dyads/CHN-BEL").then().statusCode(200).extract().asString();
        assertThat(chnBel).isEqualTo(belChn);
    }

    @Test
    @Order(2)
    void withTheBrokerStopped_postIsRefused503WithinTheBound_andAcceptedAgainOnceItIsBack() {
        stack.stopKafka();
        long start = System.nanoTime();
        given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(RELATIONS_1971)
                .when().post("/events")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("not accepted"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // The configured bound is 2 s; a hanging request would take the client's 60 s or more.
        assertThat(millis).isLessThan(10_000);

        stack.restartKafka();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                        .body(RELATIONS_1971.replace("BEL-CHN", "BEL-FRA").replace("1971-10-25", "1830"))
                        .post("/events").then().statusCode(202));
        // What was accepted before the outage is still there; what came after is projected.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(queries.url()).get("/dyads/BEL-FRA").then().statusCode(200)
                        .body("relationsSince.date", equalTo("1830")));
        given().baseUri(queries.url()).get("/dyads/BEL-CHN").then().statusCode(200).body("factCount", equalTo(1));
        // A second dyad, recorded only through the public API, has every read model.
        given().baseUri(queries.url()).get("/dyads/FRA-BEL/timeline").then().statusCode(200)
                .body("facts[0].occurred", equalTo("1830")).body("facts[0].precision", equalTo("year"));
    }

    @Test
    @Order(3)
    void sameEventIdPostedTwice_isOneFactInTheReadModels() {
        String once = RELATIONS_1971.replace("BEL-CHN", "BEL-JPN").replace("1971-10-25", "1866-08-01")
                .replaceFirst("\\{", "{\"eventId\": \"3f6b8a40-0d1e-4d55-9c1e-7a1b2c3d4e5f\", ");
        for (int i = 0; i < 2; i++) {
            given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(once)
                    .post("/events").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(queries.url()).get("/dyads/BEL-JPN").then().statusCode(200));
        // Both posts were acknowledged, so the log holds the event twice; the read models hold it once.
        assertThat(LogReader.countKey(stack.kafkaServers(), "BEL-JPN", true)).isEqualTo(2);
        given().baseUri(queries.url()).get("/dyads/BEL-JPN").then().statusCode(200).body("factCount", equalTo(1));
    }

    @Test
    @Order(4)
    void batchInterruptedByABrokerFailure_isNeverSeenHalf_byAReadCommittedConsumer() throws Exception {
        int size = 20_000;
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < size; i++) {
            batch.append("{\"type\": \"OfficialVisit\", \"dyad\": \"DEU-FRA\", \"occurred\": \"1963-01\", ")
                    .append("\"visitor\": {\"name\": \"Visitor ").append(i).append("\"}, \"visitingState\": \"DEU\", ")
                    .append("\"hostState\": \"FRA\", \"sources\": [{\"url\": \"https://example.org/elysee\"}]}\n");
        }
        byte[] body = batch.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                given().baseUri(events.url()).auth().oauth2(editor).contentType("application/x-ndjson").body(body)
                        .post("/events/batch").statusCode());

        // Stop the broker once part of the batch is in the log but not yet committed.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                status.isDone() || LogReader.countKey(stack.kafkaServers(), "DEU-FRA", false) > 0);
        stack.stopKafka();
        int answered = status.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered).isIn(202, 503);

        stack.restartKafka();
        // The next batch re-initialises the transactional producer, which aborts what the failure left open.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                        .body("[" + RELATIONS_1971.replace("BEL-CHN", "ESP-FRA").replace("1971-10-25", "1700") + "]")
                        .post("/events/batch").then().statusCode(202));

        long committed = LogReader.countKey(stack.kafkaServers(), "DEU-FRA", true);
        assertThat(committed).as("a read-committed consumer sees all of the batch or none (answered %d)", answered)
                .isEqualTo(answered == 202 ? size : 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(queries.url()).get("/dyads/ESP-FRA").then().statusCode(200));
        given().baseUri(queries.url()).get("/dyads/DEU-FRA").then().statusCode(answered == 202 ? 200 : 404);
    }

    @Test
    @Order(5)
    void demoData_loadsThroughTheBatchApi_andShowsInTheSummary() throws IOException {
        byte[] demo = Files.readAllBytes(Path.of("..", "demo", "belgium-china.ndjson"));
        given().baseUri(events.url()).auth().oauth2(editor).contentType("application/x-ndjson").body(demo)
                .post("/events/batch").then().statusCode(202).body("accepted", equalTo(31));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(queries.url()).get("/dyads/CHN-BEL").then().statusCode(200)
                        .body("countsByType.OfficialVisit", equalTo(8))
                        .body("countsByType.MissionRecorded", equalTo(5))
                        .body("countsByType.RelatedRelationLinked", equalTo(4))
                        .body("relationsSince.date", equalTo("1971-10-25")));
    }

    /** curl, a real SSE client, reads the stream live and resumes it with Last-Event-ID; an event posted twice shows once. */
    @Test
    @Order(6)
    void curlFollowsTheStream_andResumesAfterTheLastEventId() throws Exception {
        String url = queries.url() + "/events/stream?dyad=BEL-ITA";
        Path live = Files.createTempFile("stream", ".txt");
        Process curl = new ProcessBuilder("curl", "-sSN", "--max-time", "60", "-H", "Accept: text/event-stream", url)
                .redirectOutput(live.toFile()).redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(live).contains("retry:"));
            java.util.List<String> posted = new java.util.ArrayList<>();
            for (String year : java.util.List.of("1831", "1832", "1833")) {
                posted.add(given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                        .body(RELATIONS_1971.replace("BEL-CHN", "BEL-ITA").replace("1971-10-25", year))
                        .post("/events").then().statusCode(202).extract().path("eventId"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> dataLines(Files.readString(live)).size() == 3);
            java.util.List<String> ids = idLines(Files.readString(live));
            assertThat(dataLines(Files.readString(live))).as("what curl received, in order").containsExactlyElementsOf(posted);

            Process resumed = new ProcessBuilder("curl", "-sSN", "--max-time", "5", "-H", "Last-Event-ID: " + ids.get(0), url)
                    .redirectErrorStream(true).start();
            String text = new String(resumed.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            resumed.waitFor();
            assertThat(dataLines(text)).containsExactlyElementsOf(posted.subList(1, 3));
            assertThat(idLines(text)).containsExactlyElementsOf(ids.subList(1, 3));
        } finally {
            curl.destroy();
        }
        Process once = new ProcessBuilder("curl", "-sSN", "--max-time", "5", queries.url() + "/events/stream?dyad=BEL-JPN&from=beginning")
                .redirectErrorStream(true).start();
        String text = new String(once.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(dataLines(text)).containsExactly("3f6b8a40-0d1e-4d55-9c1e-7a1b2c3d4e5f");
    }

    /** The CloudEvents ids of the stream's events (its data lines). */
    private static java.util.List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:"))
                .map(l -> io.restassured.path.json.JsonPath.from(l.substring(5).trim()).getString("id")).toList();
    }

    private static java.util.List<String> idLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
    }
}
