package io.bilateral.query.rest;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A reader that carries the token of its write sees the write, or is told it cannot yet. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ReadYourWritesTest implements ReadyFirst {

    static String admin = LocalJwtTestResource.token("admin");

    @Test
    void readWithTheToken_rightAfterTheWrite_seesTheWrite_everyTime() {
        for (int i = 0; i < 20; i++) {
            EventEnvelope e = Events.relationsEstablished("BEL-LUX", Integer.toString(1920 + i));
            String token = token(LogWriter.publishAll(List.of(e)));
            given().header(ReadYourWrites.HEADER, token).get("/facts/" + e.metadata().factId())
                    .then().statusCode(200).body("occurred", equalTo(Integer.toString(1920 + i)));
        }
    }

    @Test
    void readWithTheToken_whileTheProjectionIsBehind_is503WithRetryAfter_neverStale() {
        // The pause answers once it holds (or after 10 s without it: then the test cannot go on).
        given().auth().oauth2(admin).post("/projection/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        try {
            EventEnvelope e = Events.relationsEstablished("BEL-MLT", "1965");
            String token = token(LogWriter.publishAll(List.of(e)));
            given().queryParam(ReadYourWrites.PARAMETER, token).get("/facts/" + e.metadata().factId())
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("detail", containsString("has not reached " + token));

            given().auth().oauth2(admin).post("/projection/resume").then().statusCode(200);
            given().queryParam(ReadYourWrites.PARAMETER, token).get("/facts/" + e.metadata().factId())
                    .then().statusCode(200).body("occurred", equalTo("1965"));
        } finally {
            given().auth().oauth2(admin).post("/projection/resume");
        }
    }

    @Test
    void malformedToken_is400_namingWhereItCameFrom() {
        given().header(ReadYourWrites.HEADER, "2-41").get("/dyads/BEL-CHN").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo(ReadYourWrites.HEADER));
        given().queryParam(ReadYourWrites.PARAMETER, "x").get("/dyads/BEL-CHN").then().statusCode(400)
                .body("errors[0].pointer", equalTo(ReadYourWrites.PARAMETER));
    }

    private static String token(List<LogPosition> positions) {
        return ConsistencyToken.of(positions).toString();
    }
}
