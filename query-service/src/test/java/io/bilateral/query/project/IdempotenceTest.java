package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventMetadata;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** An event is applied once per dyad's history, however often the log holds it. */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class IdempotenceTest implements ReadyFirst {

    @Test
    void sameEventTwiceInItsDyad_isAppliedOnce() {
        EventEnvelope e = Events.relationsEstablished("BEL-GRC", "1830");
        LogWriter.publishAndAwait(e, e);
        given().get("/dyads/BEL-GRC").then().statusCode(200).body("factCount", equalTo(1));
    }

    /** event-service cannot check ids across dyads, and the log does not order two dyads: both count. */
    @Test
    void anEventIdReusedInAnotherDyad_isAnotherEvent_whicheverPartitionComesFirst() {
        UUID shared = UUID.randomUUID();
        EventEnvelope inOne = withEventId(Events.relationsEstablished("BEL-HUN", "1921"), shared);
        EventEnvelope inOther = withEventId(Events.relationsEstablished("BEL-ROU", "1880"), shared);
        LogWriter.awaitProjected(LogWriter.publishAll(java.util.List.of(inOne, inOther)));
        given().get("/dyads/BEL-HUN").then().statusCode(200).body("factCount", equalTo(1));
        given().get("/dyads/BEL-ROU").then().statusCode(200).body("factCount", equalTo(1));
    }

    private static EventEnvelope withEventId(EventEnvelope e, UUID id) {
        return new EventEnvelope(new EventMetadata(id, e.metadata().factId(), e.metadata().recordedAt()), e.event());
    }
}
