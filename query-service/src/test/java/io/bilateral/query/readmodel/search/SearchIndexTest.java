package io.bilateral.query.readmodel.search;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.bilateral.query.rest.ReadYourWrites;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Full-text search is kept by a projection of its own, behind the facts: a new fact, an
 * amendment and a retraction reach search within its lag, and at once for a reader with the
 * write's token; the status says how far it trails.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class SearchIndexTest implements ReadyFirst {

    @Test
    void aNewFact_anAmendment_andARetraction_reachSearch_atOnceWithTheirToken() {
        String fact = "bel-cze-search-" + System.nanoTime();
        EventEnvelope recorded = Events.of(fact, "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-CZE\", \"occurred\": \"1995-04\", "
                + "\"visitingState\": \"BEL\", \"hostState\": \"CZE\", \"visitor\": {\"name\": \"Quirinius Zwetsloot\"}, \"office\": \"Minister\", " + Events.SOURCE + "}");
        given().queryParam("q", "Zwetsloot").header(ReadYourWrites.HEADER, token(recorded)).get("/search").then().statusCode(200)
                .body("hits", hasSize(1)).body("hits[0].factId", equalTo(fact));
        given().queryParam("q", "Zwetsloot").queryParam(ReadYourWrites.PARAMETER, token(recorded)).get("/dyads/BEL-CZE/timeline")
                .then().statusCode(200).body("facts", hasSize(1));

        EventEnvelope amended = Events.of(fact, "{\"type\": \"FactAmended\", \"dyad\": \"BEL-CZE\", \"basedOnRevision\": 1, "
                + "\"reason\": \"name misspelt\", \"changes\": {\"visitor\": {\"name\": \"Quirinus Zwetslot\"}}, " + Events.SOURCE + "}");
        String amendedToken = token(amended);
        given().queryParam("q", "Zwetslot").header(ReadYourWrites.HEADER, amendedToken).get("/search").then().statusCode(200)
                .body("hits", hasSize(1));
        given().queryParam("q", "Zwetsloot").header(ReadYourWrites.HEADER, amendedToken).get("/search").then().statusCode(200)
                .body("hits", hasSize(0));
        given().queryParam("name", "Zwetslot").header(ReadYourWrites.HEADER, amendedToken).get("/people").then().statusCode(200)
                .body("people", hasSize(1));

        EventEnvelope retracted = Events.of(fact, "{\"type\": \"FactRetracted\", \"dyad\": \"BEL-CZE\", \"basedOnRevision\": 2, "
                + "\"reason\": \"DUPLICATE\", " + Events.SOURCE + "}");
        given().queryParam("q", "Zwetslot").header(ReadYourWrites.HEADER, token(retracted)).get("/search").then().statusCode(200)
                .body("hits", hasSize(0));
    }

    @Test
    void withoutAToken_searchFindsANewFact_onceTheIndexCaughtUp_andTheStatusShowsItsLag() {
        String fact = "bel-svk-search-" + System.nanoTime();
        LogWriter.publishAndAwait(Events.of(fact, "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-SVK\", \"occurred\": \"1996-05\", "
                + "\"visitingState\": \"SVK\", \"hostState\": \"BEL\", \"visitor\": {\"name\": \"Ondrej Xylofonista\"}, \"office\": \"President\", " + Events.SOURCE + "}"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().queryParam("q", "Xylofonista").get("/search").then().statusCode(200).body("hits[0].factId", equalTo(fact)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/projection/status").then().statusCode(200).body("searchLagEvents", equalTo(0)));
    }

    private static String token(EventEnvelope e) {
        return ConsistencyToken.of(LogWriter.publishAll(List.of(e))).toString();
    }
}
