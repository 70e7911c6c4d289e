package io.bilateral.query;

import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

/**
 * For every {@code @QuarkusTest} class of this module: each test starts once the service
 * answers and its projection has partitions of the events topic assigned (the topic created
 * first, as event-service would), whichever test of the class runs first. Without it a first
 * test's events race the consumer's first rebalance. Readiness is not waited for: some tests
 * leave it DOWN on purpose (a parked event, a paused projection).
 */
public interface ReadyFirst {

    @BeforeEach
    default void awaitProjectionAssigned() {
        LogWriter.createTopic();
        await("the projection has partitions assigned (/projection/status)").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get("/projection/status").then().statusCode(200)
                        .body("partitionsHere", not(empty())));
    }
}
