package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.LoggedLines;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * An event the read models cannot take (here: a database rule rejects its fact, standing in
 * for a bug) parks its dyad: that dyad's later events wait behind it, in order, while every
 * other dyad keeps flowing; an operator retries after the fix, or skips the event.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class PoisonEventTest implements ReadyFirst {

    static String admin = LocalJwtTestResource.token("admin");

    @BeforeEach
    void rejectFactsNamedPoison() throws SQLException {
        sql("""
                CREATE OR REPLACE FUNCTION reject_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.fact_id LIKE 'poison-%' THEN RAISE EXCEPTION 'test rule rejects fact %', NEW.fact_id; END IF;
                  RETURN NEW;
                END $$""");
        sql("DROP TRIGGER IF EXISTS reject_poison ON facts");
        sql("CREATE TRIGGER reject_poison BEFORE INSERT ON facts FOR EACH ROW EXECUTE FUNCTION reject_poison()");
    }

    @AfterEach
    void theFix() throws SQLException {
        sql("DROP TRIGGER IF EXISTS reject_poison ON facts");
    }

    @Test
    void poisonEvent_parksItsDyadInOrder_otherDyadsFlow_andRetryAfterTheFixDrainsIt() throws SQLException {
        List<LogPosition> at = LogWriter.publishAll(List.of(
                relations("arg-bel-first", "ARG-BEL", "1880"),
                relations("poison-arg-bel", "ARG-BEL", "1890"),
                amend("poison-arg-bel", "ARG-BEL", "{\"occurred\": \"1890-05\"}"),
                relations("bel-bra-relations", "BEL-BRA", "1834"),
                relations("bel-chl-relations", "BEL-CHL", "1869")));
        LogWriter.awaitProjected(at);

        given().get("/facts/arg-bel-first").then().statusCode(200);
        given().get("/facts/bel-bra-relations").then().statusCode(200);
        given().get("/facts/bel-chl-relations").then().statusCode(200);
        given().get("/facts/poison-arg-bel").then().statusCode(404);
        given().auth().oauth2(admin).get("/projection/parked?dyad=BEL-ARG").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].status", equalTo("poison"))
                .body("[0].offset", equalTo((int) at.get(1).offset()))
                .body("[0].reason", containsString("test rule rejects fact poison-arg-bel"))
                .body("[0].stackTrace", containsString("PgException"))
                .body("[1].status", equalTo("held"))
                .body("[1].type", equalTo("FactAmended"));
        // The status counts parked events at each lag measurement (every 200 ms in tests).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/projection/status").then().statusCode(200).body("parkedEvents", equalTo(2)));

        theFix();
        given().auth().oauth2(admin).post("/projection/parked/ARG-BEL/retry").then().statusCode(200)
                .body("applied", equalTo(2)).body("stillParked", equalTo(0));

        // In log order: the amendment found its fact, so it is revision 2, not a conflict.
        given().get("/facts/poison-arg-bel").then().statusCode(200)
                .body("occurred", equalTo("1890-05")).body("revision", equalTo(2)).body("conflicts", hasSize(0));
        given().auth().oauth2(admin).get("/projection/parked?dyad=ARG-BEL").then().body("", hasSize(0));

        // The dyad flows again.
        LogWriter.publishAndAwait(relations("arg-bel-later", "ARG-BEL", "1900"));
        given().get("/facts/arg-bel-later").then().statusCode(200);
    }

    @Test
    void skip_leavesThePoisonEventOut_appliesWhatWasHeld_andKeepsARecord() {
        List<LogPosition> at = LogWriter.publishAll(List.of(
                relations("poison-bel-cub", "BEL-CUB", "1902"),
                relations("bel-cub-treaty", "BEL-CUB", "1905")));
        LogWriter.awaitProjected(at);
        given().get("/facts/bel-cub-treaty").then().statusCode(404);

        given().auth().oauth2(admin).post("/projection/parked/CUB-BEL/skip").then().statusCode(200)
                .body("skipped", equalTo(1)).body("applied", equalTo(1)).body("stillParked", equalTo(0));

        given().get("/facts/bel-cub-treaty").then().statusCode(200);
        given().get("/facts/poison-bel-cub").then().statusCode(404);
        given().auth().oauth2(admin).get("/projection/parked?dyad=BEL-CUB").then()
                .body("", hasSize(1)).body("[0].status", equalTo("skipped")).body("[0].resolvedAt", startsWith("20"));
    }

    @Test
    void retryBeforeTheFix_keepsTheDyadParked_andSaysWhy() {
        List<LogPosition> at = LogWriter.publishAll(List.of(relations("poison-bel-per", "BEL-PER", "1850")));
        LogWriter.awaitProjected(at);

        given().auth().oauth2(admin).post("/projection/parked/BEL-PER/retry").then().statusCode(200)
                .body("applied", equalTo(0)).body("stillParked", equalTo(1))
                .body("reason", containsString("test rule rejects fact poison-bel-per"));
        given().auth().oauth2(admin).get("/projection/parked?dyad=BEL-PER").then().body("[0].attempts", equalTo(2));
        // A reader waiting for that write is told it is parked, not served as if it were there.
        given().header("Bilateral-Read-After", at.get(0).partition() + ":" + at.get(0).offset()).get("/dyads/BEL-PER")
                .then().statusCode(503).body("type", containsString("write-parked"));
        given().auth().oauth2(admin).post("/projection/parked/BEL-PER/skip").then().statusCode(200);
    }

    @Test
    void theLineLoggedAboutAParkedEvent_namesItsDyad_position_eventId_andTrace() {
        try (LoggedLines logged = LoggedLines.of(BatchApplier.class, "parking the event")) {
            EventEnvelope poison = relations("poison-bel-mex", "BEL-MEX", "1895");
            LogPosition at = LogWriter.publish(poison, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            await("the parking line").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.lines()).anySatisfy(line -> {
                assertThat(line.getMdc("dyad")).isEqualTo("BEL-MEX");
                assertThat(line.getMdc("position")).isEqualTo(at.toString());
                assertThat(line.getMdc("eventId")).isEqualTo(poison.metadata().eventId().toString());
                assertThat(line.getMdc("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            }));
        }
        given().auth().oauth2(admin).post("/projection/parked/BEL-MEX/skip").then().statusCode(200);
    }

    @Test
    void operatorsEndpoints_needTheAdminRole_andUnknownDyadsAre404() {
        given().get("/projection/parked").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(LocalJwtTestResource.token("editor")).post("/projection/parked/BEL-FRA/retry")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).post("/projection/parked/BEL-FRA/retry").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get("/projection/parked?status=lost").then().statusCode(400)
                .body("errors[0].pointer", equalTo("status"));
    }

    private static EventEnvelope relations(String factId, String dyad, String occurred) {
        return of(factId, "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"" + dyad + "\", \"occurred\": \"" + occurred + "\", " + SOURCE + "}");
    }

    private static EventEnvelope amend(String factId, String dyad, String changes) {
        return of(factId, "{\"type\": \"FactAmended\", \"dyad\": \"" + dyad + "\", \"basedOnRevision\": 1"
                + ", \"changes\": " + changes + ", \"reason\": \"a later source\", " + SOURCE + "}");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            c.createStatement().execute(statement);
        }
    }
}
