package io.bilateral.ingest.rest;

import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * For test classes whose requests need the broker: each test starts once the service is ready
 * (the events topic created, which event-service does off its start-up path), whichever test
 * of the class runs first. Without it the first request races the topic's creation.
 */
public interface ReadyFirst {

    @BeforeEach
    default void awaitReadiness() {
        await("event-service ready (/q/health/ready)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
