package io.bilateral.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    void withTheBrokerStopped_postIsRefused503WithinTheBound_andAcceptedAgainOnceItIsBack() throws InterruptedException {
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

        try (Reads reads = Reads.watch(queries.url() + "/dyads/BEL-CHN")) {
            // query-service serves what it has meanwhile, and says that it cannot read the log.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().baseUri(queries.url()).get("/projection/status").then().statusCode(200)
                            .body("state", equalTo("LOG_UNREACHABLE")).body("lastError", containsString("cannot read the log")));

            stack.restartKafka();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                            .body(RELATIONS_1971.replace("BEL-CHN", "BEL-FRA").replace("1971-10-25", "1830"))
                            .post("/events").then().statusCode(202));
            // What came after the outage is projected by the same query-service, never restarted.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    given().baseUri(queries.url()).get("/dyads/BEL-FRA").then().statusCode(200)
                            .body("relationsSince.date", equalTo("1830")));
            assertThat(reads.answers()).as("GET /dyads/BEL-CHN through the outage: status -> how often")
                    .isNotEmpty().containsOnlyKeys(200);
        }
        // What was accepted before the outage is still there.
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
        String second = null;
        for (int i = 0; i < 2; i++) {
            second = given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(once)
                    .post("/events").then().statusCode(202).extract().path("consistencyToken");
        }
        // Both posts were acknowledged, so the log holds the event twice; the read models hold it once.
        assertThat(LogReader.countKey(stack.kafkaServers(), "BEL-JPN", true)).as("records of BEL-JPN, read committed").isEqualTo(2);
        // Read with the second post's token: answered once the projection is past that record too.
        String token = second;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(queries.url()).header("Bilateral-Read-After", token).get("/dyads/BEL-JPN")
                        .then().statusCode(200).body("factCount", equalTo(1)));
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
        byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() ->
                given().baseUri(events.url()).auth().oauth2(editor).contentType("application/x-ndjson").body(body)
                        .post("/events/batch").statusCode());

        // Stop the broker once part of the batch is in the log but not yet committed.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                status.isDone() || LogReader.countKey(stack.kafkaServers(), "DEU-FRA", false) > 0);
        stack.stopKafka();
        int answered = status.get(120, TimeUnit.SECONDS);
        assertThat(answered).isIn(202, 503);

        try (Reads reads = Reads.watch(queries.url() + "/dyads/BEL-CHN")) {
            stack.restartKafka();
            // The next batch re-initialises the transactional producer, which aborts what the failure left open.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON)
                            .body("[" + RELATIONS_1971.replace("BEL-CHN", "ESP-FRA").replace("1971-10-25", "1700") + "]")
                            .post("/events/batch").then().statusCode(202));

            // Counted once no transaction is open on the log (LogReader waits for that).
            long committed = LogReader.countKey(stack.kafkaServers(), "DEU-FRA", true);
            // A 503 may come from a commit that timed out and went through all the same
            // ("may or may not be in the log"): then all of it is there. Never a part.
            assertThat(committed).as("a read-committed consumer sees all of the batch or none (answered %d)", answered)
                    .isIn(0L, (long) size);
            if (answered == 202) {
                assertThat(committed).as("records of the acknowledged batch").isEqualTo(size);
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    given().baseUri(queries.url()).get("/dyads/ESP-FRA").then().statusCode(200));
            // Once the projection has read every partition to the settled log's end, the batch is in
            // the read models whole, or not at all.
            Instant settled = Instant.now();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonPath projection = given().baseUri(queries.url()).get("/projection/status").then().statusCode(200)
                        .body("state", equalTo("RUNNING")).body("lagEvents", equalTo(0)).extract().jsonPath();
                assertThat(Instant.parse(projection.getString("measuredAt"))).as("measured after the log settled").isAfter(settled);
            });
            if (committed > 0) {
                given().baseUri(queries.url()).get("/dyads/DEU-FRA").then().statusCode(200).body("factCount", equalTo(size));
            } else {
                given().baseUri(queries.url()).get("/dyads/DEU-FRA").then().statusCode(404);
            }
            assertThat(reads.answers()).as("GET /dyads/BEL-CHN through the restart: status -> how often")
                    .isNotEmpty().containsOnlyKeys(200);
        }
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

    /**
     * curl, a real SSE client, reads the stream live and resumes it with Last-Event-ID; an event
     * posted twice shows once. Each stream is read until an event posted last (a sentinel)
     * arrives, so "nothing else came" is seen, not assumed from a quiet moment.
     */
    @Test
    @Order(6)
    void curlFollowsTheStream_andResumesAfterTheLastEventId() throws Exception {
        String url = queries.url() + "/events/stream?dyad=BEL-ITA";
        Path live = Files.createTempFile("stream", ".txt");
        Path resumedOut = Files.createTempFile("resumed", ".txt");
        Process curl = follow(live, url);
        Process resumed = null;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(live).contains("retry:"));
            List<String> posted = new ArrayList<>();
            for (String year : List.of("1831", "1832", "1833")) {
                posted.add(post(RELATIONS_1971.replace("BEL-CHN", "BEL-ITA").replace("1971-10-25", year)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> dataLines(Files.readString(live)).size() >= 3);
            List<String> ids = idLines(Files.readString(live));

            resumed = follow(resumedOut, url, "Last-Event-ID: " + ids.get(0));
            String sentinel = post(RELATIONS_1971.replace("BEL-CHN", "BEL-ITA").replace("1971-10-25", "1834"));
            await().atMost(Duration.ofSeconds(30)).until(() -> dataLines(Files.readString(live)).contains(sentinel)
                    && dataLines(Files.readString(resumedOut)).contains(sentinel));
            assertThat(dataLines(Files.readString(live))).as("what curl received live, in order")
                    .containsExactlyElementsOf(concat(posted, sentinel));
            assertThat(dataLines(Files.readString(resumedOut))).as("what curl received after the first event's id")
                    .containsExactlyElementsOf(concat(posted.subList(1, 3), sentinel));
            assertThat(idLines(Files.readString(resumedOut)).subList(0, 2)).containsExactlyElementsOf(ids.subList(1, 3));
        } finally {
            curl.destroy();
            if (resumed != null) {
                resumed.destroy();
            }
        }

        String twice = RELATIONS_1971.replace("BEL-CHN", "BEL-KOR").replace("1971-10-25", "1901-03-23")
                .replaceFirst("\\{", "{\"eventId\": \"7d1e2f30-4a5b-4c6d-8e9f-a0b1c2d3e4f5\", ");
        post(twice);
        post(twice);
        Path fromStart = Files.createTempFile("from-start", ".txt");
        Process once = follow(fromStart, queries.url() + "/events/stream?dyad=BEL-KOR&from=beginning");
        try {
            String sentinel = post(RELATIONS_1971.replace("BEL-CHN", "BEL-KOR").replace("1971-10-25", "1963"));
            await().atMost(Duration.ofSeconds(30)).until(() -> dataLines(Files.readString(fromStart)).contains(sentinel));
            assertThat(dataLines(Files.readString(fromStart))).as("the stream of BEL-KOR from the beginning")
                    .containsExactly("7d1e2f30-4a5b-4c6d-8e9f-a0b1c2d3e4f5", sentinel);
        } finally {
            once.destroy();
        }
    }

    /** Posts one fact to event-service; its event id. */
    private static String post(String fact) {
        return given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(fact)
                .post("/events").then().statusCode(202).extract().path("eventId");
    }

    /** curl following an SSE stream into a file, for at most two minutes. */
    private static Process follow(Path into, String url, String... headers) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-sSN", "--max-time", "120", "-H", "Accept: text/event-stream"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        command.add(url);
        return new ProcessBuilder(command).redirectOutput(into.toFile()).redirectErrorStream(true).start();
    }

    private static List<String> concat(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }

    /** The CloudEvents ids of the stream's events (their data lines), of complete events only. */
    private static List<String> dataLines(String sse) {
        return complete(sse).lines().filter(l -> l.startsWith("data:"))
                .map(l -> JsonPath.from(l.substring(5).trim()).getString("id")).toList();
    }

    private static List<String> idLines(String sse) {
        return complete(sse).lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
    }

    /** The stream up to its last blank line: curl may be in the middle of writing the event after it. */
    private static String complete(String sse) {
        int end = sse.lastIndexOf("\n\n");
        return end < 0 ? "" : sse.substring(0, end + 1);
    }
}
