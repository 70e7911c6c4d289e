package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.CloudEventsKafka;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.event.DiplomaticRelationsEstablished;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.localstack.LocalJwtTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(LocalJwtTestResource.class)
class EventResourceTest implements ReadyFirst {

    static final String EDITOR = LocalJwtTestResource.token("editor");

    static final String RELATIONS_1971 = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "CHN-BEL", "occurred": "1971-10-25",
             "sources": [{"url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
                          "title": "Belgium–China relations", "locator": "History"}]}""";

    private static String servers() {
        return TestStackResource.stack().kafkaBootstrapServers();
    }

    @TestHTTPResource("/events")
    URL events;

    /**
     * A body past Quarkus REST's input buffer (10 KiB), still arriving after the request's head,
     * is read where waiting is allowed: 202 for a valid event, 413 problem+json past the limit
     * (16K in tests), with and without a Content-Length. End to end, such bodies were answered
     * 500 (a blocking read on the event loop) when POST /events first became non-blocking.
     */
    @Test
    void anEventPastTheInputBuffer_arrivingInPieces_isAccepted_andOnePastTheLimitIs413() throws Exception {
        String title = "\"title\": \"Belgium–China relations\"";
        String large = RELATIONS_1971.replace(title, "\"title\": \"" + "t".repeat(13_000) + "\"");
        String tooLarge = RELATIONS_1971.replace(title, "\"title\": \"" + "t".repeat(20_000) + "\"");
        for (boolean withLength : new boolean[] {true, false}) {
            HttpResponse<String> accepted = postInPieces(large, withLength);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            HttpResponse<String> refused = postInPieces(tooLarge, withLength);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private HttpResponse<String> postInPieces(String body, boolean withLength) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher pieces = HttpRequest.BodyPublishers.ofInputStream(() -> inPieces(bytes));
        HttpRequest request = HttpRequest.newBuilder(events.toURI())
                .header("Authorization", "Bearer " + EDITOR).header("Content-Type", "application/json")
                .POST(withLength ? HttpRequest.BodyPublishers.fromPublisher(pieces, bytes.length) : pieces)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code bytes} in pieces of 1 KiB, 5 ms apart. */
    private static InputStream inPieces(byte[] bytes) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (at >= bytes.length) {
                    return -1;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(Math.min(length, 1024), bytes.length - at);
                System.arraycopy(bytes, at, into, offset, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void postEvent_answers202_afterTheBrokerAcked_withItsPosition_andTheRecordIsInTheLog() {
        Response r = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(RELATIONS_1971)
                .when().post("/events")
                .then().statusCode(202)
                .body("dyad", equalTo("BEL-CHN"))
                .body("type", equalTo("DiplomaticRelationsEstablished"))
                .body("eventId", notNullValue())
                .body("partition", notNullValue())
                .body("offset", notNullValue())
                .extract().response();

        ConsumerRecord<String, byte[]> record = TopicRecords.at(servers(), r.path("partition"), ((Number) r.path("offset")).longValue());
        assertThat(record.key()).isEqualTo("BEL-CHN");
        assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.ID)).isEqualTo(r.path("eventId"));
        assertThat((String) r.path("consistencyToken")).isEqualTo(record.partition() + ":" + record.offset());
        assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.TYPE))
                .isEqualTo("io.bilateral.DiplomaticRelationsEstablished.v1");
        assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.SUBJECT)).isEqualTo("BEL-CHN");
        EventEnvelope stored = CloudEventsKafka.fromRecord(record);
        assertThat(stored.event()).isInstanceOf(DiplomaticRelationsEstablished.class);
        assertThat(stored.event().occurred().edtf()).isEqualTo("1971-10-25");
        assertThat(stored.event().sources().get(0).locator()).isEqualTo("History");
        // Who recorded it: the verified token's subject and issuer, in the value and as a CloudEvents extension.
        assertThat(stored.metadata().recordedBy()).isEqualTo(new io.bilateral.events.envelope.RecordedBy("test-editor", "https://bilateral.io/local", null));
        assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.RECORDED_BY)).isEqualTo("test-editor");
    }

    /**
     * Tracing is off in this profile (the default): the record carries no trace context, so no
     * reader builds spans for it (TracingTest has tracing on). Before 2026-12-08 it carried one:
     * with the SDK disabled, OpenTelemetry's autoconfiguration still made recording spans.
     */
    @Test
    void withTracingOff_theRecordCarriesNoTraceContext() {
        Response r = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(RELATIONS_1971)
                .post("/events").then().statusCode(202).extract().response();
        ConsumerRecord<String, byte[]> record = TopicRecords.at(servers(), r.path("partition"), ((Number) r.path("offset")).longValue());
        assertThat(CloudEventsKafka.header(record.headers(), CloudEventsKafka.ID)).isEqualTo(r.path("eventId"));
        assertThat(io.bilateral.events.envelope.TraceHeaders.read(record.headers())).isEmpty();
    }

    @Test
    void unicodeNames_areAcceptedAndStoredIntact() {
        String visit = BadInputTest.VISIT.replace("Zhu Rongji", "习近平").replace("1991-04", "2009-10")
                .replace("\"type\"", "\"summary\": \"访问比利时 — visite en Belgique\", \"type\"");
        Response r = given().auth().oauth2(EDITOR).contentType("application/json; charset=UTF-8").body(visit.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/events").then().statusCode(202).extract().response();
        ConsumerRecord<String, byte[]> record = TopicRecords.at(servers(), r.path("partition"), ((Number) r.path("offset")).longValue());
        io.bilateral.events.event.OfficialVisit stored = (io.bilateral.events.event.OfficialVisit) CloudEventsKafka.fromRecord(record).event();
        assertThat(stored.visitor().name()).isEqualTo("习近平");
        assertThat(stored.summary()).isEqualTo("访问比利时 — visite en Belgique");
    }

    @Test
    void invalidEvents_get400ProblemJson_namingTheField_andPublishNothing() {
        Map<Integer, Long> before = TopicRecords.ends(servers());

        String[][] cases = {
                {"{\"type\": \"DiplomaticRelationsEstablished\", ", ""},
                {RELATIONS_1971.replace("CHN-BEL", "BEL-XYZ"), "/dyad"},
                {RELATIONS_1971.replace("CHN-BEL", "BEL-BEL"), "/dyad"},
                {RELATIONS_1971.replace("1971-10-25", "1971-02-30"), "/occurred"},
                {RELATIONS_1971.replace("1971-10-25", "2019-13"), "/occurred"},
        };
        for (String[] c : cases) {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(c[0])
                    .when().post("/events")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("type", containsString("invalid-event"))
                    .body("errors.pointer", hasItem(c[1]));
        }
        BatchResourceTest.assertNothingPublishedSince(before);
    }

    @Test
    void writes_needATokenWithTheEditorRole_401Or403ProblemJson_andPublishNothing() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        given().contentType(ContentType.JSON).body(RELATIONS_1971).post("/events")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", containsString("unauthorized"));
        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body(RELATIONS_1971).post("/events")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(LocalJwtTestResource.token("reader")).contentType(ContentType.JSON).body(RELATIONS_1971)
                .post("/events").then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("forbidden"));
        given().auth().oauth2(LocalJwtTestResource.token("reader")).contentType(ContentType.JSON).body("[" + RELATIONS_1971 + "]")
                .post("/events/batch").then().statusCode(403).contentType("application/problem+json");
        BatchResourceTest.assertNothingPublishedSince(before);
        // Reads stay open.
        given().get("/schemas").then().statusCode(200);
    }

    @Test
    void unknownPath_andWrongMethod_areProblemJsonToo() {
        given().get("/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().get("/events").then().statusCode(405).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType(ContentType.TEXT).body("x").post("/events").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void schemas_listEveryType_andServeEachSchema() {
        given().get("/schemas").then().statusCode(200)
                .body("size()", equalTo(25))
                .body("type", hasItem("OfficialVisit"))
                .body("find { it.type == 'OfficialVisit' }.coding.cameo", equalTo("042"))
                .body("find { it.type == 'OfficialVisit' }.coding.quadClass", equalTo(1))
                .body("find { it.type == 'Interaction' }.codedPerFact", equalTo(true));
        given().get("/schemas/OfficialVisit").then().statusCode(200)
                .body("title", equalTo("OfficialVisit"))
                .body("required", hasItem("visitor"));
        given().get("/schemas/Friendship").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthAndOpenApi_areServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("events-topic"));
        given().get("/q/health/live").then().statusCode(200);
        String openapi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        // An example of every event type for POST /events.
        for (io.bilateral.events.event.EventType type : io.bilateral.events.event.EventType.values()) {
            assertThat(openapi).contains("\"" + type.wireName() + "\" : {");
        }
        assertThat(openapi).contains("/events/batch", "application/x-ndjson");
    }

    @Test
    void thePostBodies_referenceEveryTypesServedSchema_andTheAnswersAreTyped() throws Exception {
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        com.fasterxml.jackson.databind.JsonNode post = doc.at("/paths/~1events/post");
        com.fasterxml.jackson.databind.JsonNode one = post.at("/requestBody/content/application~1json/schema");
        assertThat(one.at("/discriminator/propertyName").asText()).isEqualTo("type");
        java.util.List<String> refs = new java.util.ArrayList<>();
        one.path("oneOf").forEach(s -> refs.add(s.path("$ref").asText()));
        assertThat(refs).hasSize(io.bilateral.events.event.EventType.values().length);
        for (io.bilateral.events.event.EventType type : io.bilateral.events.event.EventType.values()) {
            String ref = "/schemas/" + type.wireName();
            assertThat(refs).contains(ref);
            assertThat(one.at("/discriminator/mapping/" + type.wireName()).asText()).isEqualTo(ref);
            // Each reference is a schema this service serves.
            given().get(ref).then().statusCode(200).body("title", notNullValue());
        }
        // A batch is an array of the same.
        assertThat(doc.at("/paths/~1events~1batch/post/requestBody/content/application~1json/schema/items/oneOf")).isEqualTo(one.path("oneOf"));
        assertThat(post.at("/responses/202/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Accepted");
        assertThat(doc.at("/paths/~1events~1batch/post/responses/202/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/BatchAccepted");
        assertThat(doc.at("/components/schemas/Accepted/properties").size()).isPositive();
    }

    @Test
    void theExplorersOrigin_mayPostFromTheBrowser_andNoOtherOrigin() {
        // The browser's preflight before a POST with a token, from the page's origin: allowed.
        given().header("Origin", "http://localhost:8082").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/events").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8082")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"));
        // From any other site: no allowance, so the browser refuses to send it.
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/events").then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://elsewhere.example").auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{}")
                .post("/events").then().statusCode(403);
    }
}
