package io.bilateral.query.stream;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.bilateral.query.TracingOn;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing on, the stream repeats the trace an event was published in (the CloudEvent's
 * {@code traceparent}), and handing the event to a subscriber is a span of that trace.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class StreamTracingTest implements ReadyFirst {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    InMemorySpanExporter spans;

    @TestHTTPResource("/events/stream")
    URI stream;

    @Test
    void aTracedEvent_reachesASubscriber_withItsTrace_andTheDeliveryIsASpanOfIt() throws Exception {
        String traceId = hex(16);
        String publishSpanId = hex(8);
        String traceparent = "00-" + traceId + "-" + publishSpanId + "-01";
        EventEnvelope e = Events.relationsEstablished("FJI-TUV", "1979");
        try (SseClient client = SseClient.open(URI.create(stream + "?dyad=FJI-TUV"), Map.of())) {
            LogWriter.publish(e, Map.of("traceparent", traceparent));
            JsonObject ce = new JsonObject(client.next(WAIT).data());
            assertThat(ce.getString("id")).isEqualTo(e.metadata().eventId().toString());
            assertThat(ce.getString("traceparent")).isEqualTo(traceparent);
        }
        SpanData delivery = await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals("deliver /events/stream")).findFirst(), Optional::isPresent).get();
        assertThat(delivery.getParentSpanId()).isEqualTo(publishSpanId);
        assertThat(delivery.getKind()).isEqualTo(SpanKind.PRODUCER);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
