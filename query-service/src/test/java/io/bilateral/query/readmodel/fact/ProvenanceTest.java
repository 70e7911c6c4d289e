package io.bilateral.query.readmodel.fact;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.RecordedBy;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.bilateral.query.Events.SOURCE;
import static io.bilateral.query.Events.of;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Who recorded each revision of a fact, and who tried a refused correction; "unknown" for events from before that was kept. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class ProvenanceTest implements ReadyFirst {

    private static final RecordedBy ALICE = new RecordedBy("alice", "https://idp.example.org", "newsroom-app");
    private static final RecordedBy BOB = new RecordedBy("bob", "https://idp.example.org", null);

    @Test
    void eachRevision_saysWhoRecordedIt_andTheTimelineFindsFactsByWhoRecordedOrCorrectedThem() {
        EventEnvelope recorded = of("prt-esp-relations", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"PRT-ESP\", \"occurred\": \"1640\", "
                + "\"summary\": \"Restoration\", " + SOURCE + "}")
                .recordedBy(ALICE);
        EventEnvelope amended = of("prt-esp-relations", "{\"type\": \"FactAmended\", \"dyad\": \"PRT-ESP\", \"basedOnRevision\": 1, "
                + "\"changes\": {\"occurred\": \"1668\"}, \"reason\": \"the Treaty of Lisbon\", " + SOURCE + "}").recordedBy(BOB);
        EventEnvelope stale = of("prt-esp-relations", "{\"type\": \"FactAmended\", \"dyad\": \"PRT-ESP\", \"basedOnRevision\": 1, "
                + "\"changes\": {\"occurred\": \"1640\"}, \"reason\": \"stale\", " + SOURCE + "}").recordedBy(ALICE);
        EventEnvelope before = of("prt-esp-older", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"PRT-ESP\", \"occurred\": \"1143\", " + SOURCE + "}");
        LogWriter.publishAndAwait(recorded, amended, stale, before);

        given().get("/facts/prt-esp-relations").then().statusCode(200)
                .body("history.recordedBy.subject", contains("alice", "bob"))
                // Revision 1 is read from the fact's row, which the amendment rewrote: still the recording event's.
                .body("history.eventId", contains(recorded.metadata().eventId().toString(), amended.metadata().eventId().toString()))
                .body("history[0].recordedBy.issuer", equalTo("https://idp.example.org"))
                .body("history[0].recordedBy.clientId", equalTo("newsroom-app"))
                .body("conflicts[0].recordedBy.subject", equalTo("alice"));
        given().get("/facts/prt-esp-older").then().statusCode(200).body("history[0].recordedBy", equalTo("unknown"));

        given().get("/dyads/PRT-ESP/timeline?recordedBy=bob").then().statusCode(200).body("facts.factId", contains("prt-esp-relations"));
        given().get("/dyads/PRT-ESP/timeline?recordedBy=alice").then().statusCode(200).body("facts.factId", contains("prt-esp-relations"));
        given().get("/dyads/PRT-ESP/timeline?recordedBy=carol").then().statusCode(200).body("facts.factId", org.hamcrest.Matchers.empty());
        // Who recorded a fact is not among its words: a search for the subject finds nothing.
        try {
            LogWriter.awaitSearchIndexed();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        given().get("/search?q=newsroom-app").then().statusCode(200).body("hits", org.hamcrest.Matchers.empty());
        given().get("/search?q=Restoration").then().statusCode(200).body("hits.factId", contains("prt-esp-relations"));
    }
}
