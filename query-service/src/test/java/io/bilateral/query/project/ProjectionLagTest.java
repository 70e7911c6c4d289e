package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * "How far behind is the read side?": the status, the metrics and readiness all say it.
 * Tests set {@code max-ready-lag} to 50 events.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ProjectionLagTest implements ReadyFirst {

    static String admin = LocalJwtTestResource.token("admin");

    @Test
    void pausedProjection_reportsLagOf100_readinessDown_thenCatchesUpOnResume() {
        LogWriter.publishAndAwait(Events.relationsEstablished("BEL-ISL", "1946"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/projection/status").then().body("lagEvents", equalTo(0)));

        given().auth().oauth2(admin).post("/projection/pause").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/projection/status").then().body("state", equalTo("PAUSED")));
        List<EventEnvelope> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(Events.relationsEstablished("BEL-ISL", Integer.toString(1900 + i)));
        }
        LogWriter.publishAll(hundred);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath status = given().get("/projection/status").then().statusCode(200).body("lagEvents", equalTo(100))
                    .extract().jsonPath();
            org.assertj.core.api.Assertions.assertThat(status.getDouble("lagSeconds")).isGreaterThan(0);
            given().get("/q/health/ready").then().statusCode(503).body(containsString("100 events behind the log"));
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("bilateral_projection_lag_events{partition="));

        given().auth().oauth2(admin).post("/projection/resume").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().get("/projection/status").then().body("lagEvents", equalTo(0)).body("state", equalTo("RUNNING"));
            given().get("/q/health/ready").then().statusCode(200);
        });
        given().get("/dyads/BEL-ISL").then().body("factCount", greaterThan(100));
    }
}
