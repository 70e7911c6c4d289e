package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What an operator reads at /q/metrics: each write's publication, each batch's size, each refusal by its problem type. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(LocalJwtTestResource.class)
class MetricsTest implements ReadyFirst {

    static final String EDITOR = LocalJwtTestResource.token("editor");

    // At least: the application is shared with other test classes, whose requests may still end after ours began.
    @Test
    void publications_batchSizes_andRefusals_areCountedAtQMetrics() {
        double singles = value("bilateral_publish_seconds_count", "kind=\"single\"", "outcome=\"acknowledged\"");
        double batches = value("bilateral_publish_seconds_count", "kind=\"batch\"", "outcome=\"committed\"");
        double batchEvents = value("bilateral_batch_events_sum");
        double invalid = value("bilateral_refusals_total", "type=\"invalid-event\"", "status=\"400\"");
        double unauthorized = value("bilateral_refusals_total", "type=\"unauthorized\"", "status=\"401\"");

        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(EventResourceTest.RELATIONS_1971).post("/events")
                .then().statusCode(202);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("[" + BatchResourceTest.visit("1991-04", "Zhu Rongji") + "," + BatchResourceTest.visit("1992-03", "Qian Qichen") + "]")
                .post("/events/batch").then().statusCode(202);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"type\": \"DiplomaticRelationsEstablished\"}").post("/events")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(EventResourceTest.RELATIONS_1971).post("/events").then().statusCode(401);

        assertThat(value("bilateral_publish_seconds_count", "kind=\"single\"", "outcome=\"acknowledged\"")).isGreaterThanOrEqualTo(singles + 1);
        assertThat(value("bilateral_publish_seconds_count", "kind=\"batch\"", "outcome=\"committed\"")).isGreaterThanOrEqualTo(batches + 1);
        assertThat(value("bilateral_batch_events_sum")).isGreaterThanOrEqualTo(batchEvents + 2);
        assertThat(value("bilateral_refusals_total", "type=\"invalid-event\"", "status=\"400\"")).isGreaterThanOrEqualTo(invalid + 1);
        assertThat(value("bilateral_refusals_total", "type=\"unauthorized\"", "status=\"401\"")).isGreaterThanOrEqualTo(unauthorized + 1);
        // The HTTP server's own metrics are there too, by route.
        assertThat(metrics()).anyMatch(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("uri=\"/events/batch\""));
    }

    private static List<String> metrics() {
        return Arrays.asList(given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n"));
    }

    /** The sample of this metric with these labels (0 when it has none yet). */
    private static double value(String name, String... labels) {
        return metrics().stream()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
