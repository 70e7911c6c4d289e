package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.TraceHeaders;
import io.bilateral.ingest.TracingOn;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing on, a POST's server span and the publication's producer span are one trace, and
 * every record of the publication carries the producer span's context (ce_traceparent), which
 * query-service's projection joins (query-service's TracingTest).
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class TracingTest implements ReadyFirst {

    static final String EDITOR = LocalJwtTestResource.token("editor");
    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aPost_andItsPublication_areOneTrace_whichTheRecordCarries() {
        Response r = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(EventResourceTest.RELATIONS_1971)
                .post("/events").then().statusCode(202).extract().response();
        ConsumerRecord<String, byte[]> record = TopicRecords.at(servers(), r.path("partition"), ((Number) r.path("offset")).longValue());

        String traceparent = TraceHeaders.read(record.headers()).get("traceparent");
        assertThat(traceparent).matches(TRACEPARENT);
        String traceId = traceparent.split("-")[1];
        SpanData publish = awaitSpan(traceparent.split("-")[2]);
        assertThat(publish.getTraceId()).isEqualTo(traceId);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(1L);
        SpanData post = awaitSpan(publish.getParentSpanId());
        assertThat(post.getTraceId()).isEqualTo(traceId);
        assertThat(post.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(post.getName()).startsWith("POST");
    }

    @Test
    void everyRecordOfABatch_carriesTheBatchsPublicationSpan() {
        Map<Integer, Long> before = TopicRecords.ends(servers());
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("[" + BatchResourceTest.visit("1991-04", "Zhu Rongji") + "," + BatchResourceTest.visit("1992-03", "Qian Qichen") + "]")
                .post("/events/batch").then().statusCode(202);
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.awaitCommitted(servers(), before, 2);

        List<String> carried = records.stream().map(rec -> TraceHeaders.read(rec.headers()).get("traceparent")).distinct().toList();
        assertThat(carried).hasSize(1);
        assertThat(carried.get(0)).matches(TRACEPARENT);
        SpanData publish = awaitSpan(carried.get(0).split("-")[2]);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(2L);
        assertThat(awaitSpan(publish.getParentSpanId()).getKind()).isEqualTo(SpanKind.SERVER);
    }

    /** Spans are exported in batches, a moment after they end. */
    private SpanData awaitSpan(String spanId) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(spanId)).findFirst(), Optional::isPresent).get();
    }

    private static String servers() {
        return TestStackResource.stack().kafkaBootstrapServers();
    }
}
