package io.bilateral.query.readmodel.dyad;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class DyadResourceTest implements ReadyFirst {

    @Test
    void eventInTheLog_isProjected_andTheSummaryShowsIt_inEitherOrderOfTheDyad() throws SQLException {
        EventEnvelope event = Events.relationsEstablished("BEL-CHN", "1971-10-25");
        LogPosition position = LogWriter.publish(event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/dyads/BEL-CHN").then().statusCode(200));
        for (String asked : new String[] {"BEL-CHN", "CHN-BEL"}) {
            given().get("/dyads/" + asked).then().statusCode(200)
                    .body("dyad", equalTo("BEL-CHN"))
                    .body("actors.code", hasItem("CHN"))
                    .body("actors.name", hasItem("Belgium"))
                    .body("relationsSince.date", equalTo("1971-10-25"))
                    .body("relationsSince.precision", equalTo("day"))
                    .body("relationsSince.factId", equalTo(event.metadata().factId()))
                    .body("countsByType.DiplomaticRelationsEstablished", equalTo(1))
                    .body("factCount", equalTo(1));
        }
        assertThat(LogWriter.storedNextOffset(position.partition())).isEqualTo(position.offset() + 1);
    }

    @Test
    void sameEventPublishedTwice_isAppliedOnce() {
        EventEnvelope event = Events.relationsEstablished("FRA-JPN", "1858-10");
        LogWriter.publish(event);
        LogPosition second = LogWriter.publish(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> LogWriter.storedNextOffset(second.partition()) > second.offset());
        given().get("/dyads/JPN-FRA").then().statusCode(200)
                .body("factCount", equalTo(1))
                .body("relationsSince.date", equalTo("1858-10"))
                .body("relationsSince.precision", equalTo("month"));
    }

    @Test
    void earlierRelationsFact_winsOverALaterOne() {
        LogWriter.publish(Events.relationsEstablished("DEU-ITA", "1955"));
        LogPosition last = LogWriter.publish(Events.relationsEstablished("DEU-ITA", "1951-07"));

        await().atMost(Duration.ofSeconds(30)).until(() -> LogWriter.storedNextOffset(last.partition()) > last.offset());
        given().get("/dyads/DEU-ITA").then().statusCode(200)
                .body("factCount", equalTo(2))
                .body("relationsSince.date", equalTo("1951-07"));
    }

    @Test
    void theListOfDyads_showsEachWithItsNamesAndCurrentFacts_theMostRecentlyActiveFirst() {
        LogWriter.publishAndAwait(Events.relationsEstablished("ISL-NOR", "1940"), Events.relationsEstablished("ISL-NOR", "1944"));
        LogWriter.publishAndAwait(Events.relationsEstablished("FIN-ISL", "1947"));
        given().get("/dyads").then().statusCode(200)
                .body("[0].dyad", org.hamcrest.Matchers.equalTo("FIN-ISL"))
                .body("find { it.dyad == 'ISL-NOR' }.facts", org.hamcrest.Matchers.equalTo(2))
                .body("find { it.dyad == 'ISL-NOR' }.names", org.hamcrest.Matchers.contains("Iceland", "Norway"));
        given().get("/dyads?limit=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownDyad_is404ProblemJson_andAMalformedOne400NamingTheParameter() {
        given().get("/dyads/BEL-NZL").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("BEL-NZL"));
        given().get("/dyads/BEL-XYZ").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("dyad"))
                .body("errors[0].detail", containsString("'XYZ' is not a known actor code"));
        given().get("/dyads/BEL-BEL").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void healthAndOpenApi_areServed() {
        // Readiness follows the projection's state and lag, both measured in the background.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("projection")));
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/dyads/{dyad}"));
    }
}
