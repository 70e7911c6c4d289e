package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * With the broker gone, the read models still answer from PostgreSQL and the service stays
 * ready, while the projection's status says it cannot read the log instead of looking healthy;
 * once the broker is back, the projection goes on by itself, without a restart of the service.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class BrokerOutageTest implements ReadyFirst {

    @Test
    void brokerDown_readsStillAnswer_statusSaysTheLogIsUnreachable_andProjectionResumesWhenItIsBack() {
        LogWriter.publishAndAwait(Events.relationsEstablished("BEL-MCO", "1950"));

        TestStackResource.stack().withKafkaDown(() -> {
            // The lag is measured every 200 ms in tests; the status reflects the first failed measurement.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                given().get("/projection/status").then().statusCode(200)
                        .body("state", equalTo("LOG_UNREACHABLE"))
                        .body("lastError", containsString("cannot read the log since"));
                // Still ready: nothing can reach the log meanwhile, so no instance could be more current.
                given().get("/q/health/ready").then().statusCode(200).body(containsString("logUnreachableSince"));
            });
            // What is projected is still served, whole: the database is up.
            given().get("/dyads/BEL-MCO").then().statusCode(200).body("factCount", equalTo(1));
            given().get("/dyads/BEL-MCO/timeline").then().statusCode(200).body("facts[0].occurred", equalTo("1950"));
        });

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/projection/status").then().statusCode(200).body("state", equalTo("RUNNING")));
        EventEnvelope after = Events.relationsEstablished("BEL-MCO", "1951");
        LogWriter.publishAndAwait(after);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/dyads/BEL-MCO").then().statusCode(200).body("factCount", equalTo(2)));
    }
}
