package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.LoggedLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** No broker at all: the POST fails within the configured bound, as problem+json, never 202. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    static final String EDITOR = LocalJwtTestResource.token("editor");

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + unusedPort(),
                    "bilateral.publish.timeout", "1500ms");
        }

        private static int unusedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void postEvent_withTheBrokerDown_answers503ProblemJson_withinTheConfiguredBound() {
        long start = System.nanoTime();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(EventResourceTest.RELATIONS_1971)
                .when().post("/events")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", containsString("broker-unavailable"))
                .body("detail", containsString("not accepted"));
        // Not a performance assertion: a hang (no bound at all) would fail it by a wide margin.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void theLineLoggedAboutARefusedEvent_namesItsIdAndDyad() {
        try (LoggedLines logged = LoggedLines.of(ProblemMapper.class, "event not accepted")) {
            String eventId = java.util.UUID.randomUUID().toString();
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body(EventResourceTest.RELATIONS_1971.replaceFirst("\\{", "{\"eventId\": \"" + eventId + "\", "))
                    .when().post("/events").then().statusCode(503);
            // The mapper logs before it answers: the line is there once the 503 is.
            assertThat(logged.lines()).anySatisfy(line -> {
                assertThat(line.getMdc("eventId")).isEqualTo(eventId);
                assertThat(line.getMdc("dyad")).isEqualTo("BEL-CHN");
            });
        }
    }

    @Test
    void readiness_isDown_whileTheBrokerIsUnreachable() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
