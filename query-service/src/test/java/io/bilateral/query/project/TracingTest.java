package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.bilateral.query.TracingOn;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing on, the projection joins the trace a record was published in (its
 * ce_traceparent header, as event-service writes it: event-service's TracingTest) with a
 * consumer span that ends when the record's transaction has committed.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class TracingTest implements ReadyFirst {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aRecordsTrace_isJoinedByTheProjectionsSpan_endingAtTheCommit() {
        String traceId = hex(16);
        String publishSpanId = hex(8);
        EventEnvelope e = Events.relationsEstablished("FJI-WSM", "1975");
        LogPosition at = LogWriter.publish(e, Map.of("traceparent", "00-" + traceId + "-" + publishSpanId + "-01"));

        SpanData project = await().atMost(Duration.ofSeconds(30)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).findFirst(), Optional::isPresent).get();
        assertThat(project.getParentSpanId()).isEqualTo(publishSpanId);
        assertThat(project.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(project.getAttributes().get(AttributeKey.stringKey("bilateral.dyad"))).isEqualTo("FJI-WSM");
        assertThat(project.getAttributes().get(AttributeKey.longKey("messaging.kafka.message.offset"))).isEqualTo(at.offset());
        // The span ends after the commit: by the time it is exported, the fact is there to read.
        given().get("/facts/" + e.metadata().factId()).then().statusCode(200);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;   // never all zeros, which W3C Trace Context calls invalid
        return HexFormat.of().formatHex(b);
    }
}
