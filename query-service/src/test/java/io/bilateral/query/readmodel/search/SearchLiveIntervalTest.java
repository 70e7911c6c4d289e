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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * While writes are live, the search index gathers the commits of its live interval into one
 * round: a fact written just after a round is indexed when the interval ends, with no other
 * wake-up, and a reader with its write's token is not held back by the interval.
 */
@QuarkusTest
@TestProfile(SearchLiveIntervalTest.LongLiveInterval.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class SearchLiveIntervalTest implements ReadyFirst {

    public static class LongLiveInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.search.live-interval", "3s",
                    // No periodic look: a round is started by a commit, the pace's own timer or a reader.
                    "bilateral.search.interval", "1h",
                    // Shorter than the live interval: a reader held back by it would be answered 503.
                    "bilateral.projection.read-after-max-wait", "1s");
        }
    }

    @Test
    void aFactWrittenJustAfterARound_isIndexedWhenTheLiveIntervalEnds() {
        String first = visit("BEL-EST", "Aurelio Quenzberg");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().queryParam("q", "Quenzberg").get("/search").then()
                .statusCode(200).body("hits[0].factId", equalTo(first)));
        // A round has just run: this commit's wake-up is put off to the interval's end.
        String second = visit("BEL-EST", "Ludovica Pramstaller");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().queryParam("q", "Pramstaller").get("/search").then()
                .statusCode(200).body("hits[0].factId", equalTo(second)));
    }

    @Test
    void aReaderWithAWritesToken_isNotHeldBackByTheLiveInterval() {
        String first = visit("BEL-LTU", "Casimir Wendelbrook");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().queryParam("q", "Wendelbrook").get("/search").then()
                .statusCode(200).body("hits[0].factId", equalTo(first)));
        // Within the interval that round opened: only the reader's own wake-up can index this before it ends.
        String fact = "bel-ltu-search-" + System.nanoTime();
        EventEnvelope recorded = Events.of(fact, "{\"type\": \"OfficialVisit\", \"dyad\": \"BEL-LTU\", \"occurred\": \"1997-06\", "
                + "\"visitingState\": \"LTU\", \"hostState\": \"BEL\", \"visitor\": {\"name\": \"Severin Oltmannsdorf\"}, "
                + "\"office\": \"Minister\", " + Events.SOURCE + "}");
        String token = ConsistencyToken.of(LogWriter.publishAll(List.of(recorded))).toString();
        given().queryParam("q", "Oltmannsdorf").header(ReadYourWrites.HEADER, token).get("/search").then().statusCode(200)
                .body("hits", hasSize(1)).body("hits[0].factId", equalTo(fact));
    }

    /** Publishes a visit by {@code visitor} and waits until the read models have it; returns its fact id. */
    private static String visit(String dyad, String visitor) {
        String fact = dyad.toLowerCase() + "-search-" + System.nanoTime();
        String[] states = dyad.split("-");
        LogWriter.publishAndAwait(Events.of(fact, "{\"type\": \"OfficialVisit\", \"dyad\": \"" + dyad + "\", \"occurred\": \"1997-05\", "
                + "\"visitingState\": \"" + states[1] + "\", \"hostState\": \"" + states[0] + "\", \"visitor\": {\"name\": \""
                + visitor + "\"}, \"office\": \"Minister\", " + Events.SOURCE + "}"));
        return fact;
    }
}
