package io.bilateral.query.stream;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing off, handing a traced event to a subscriber makes no span at all, even on an SDK
 * that would record one: with {@code quarkus.otel.sdk.disabled}, OpenTelemetry's
 * autoconfiguration builds exactly such an SDK (it samples every span and exports none).
 */
class StreamTracingOffTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @Test
    void withTracingOff_aDeliveryMakesNoSpan() {
        tracing(true).delivered(tracedEvent());
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void withTracingOn_theSameDeliveryIsASpanOfTheEventsTrace() {
        tracing(false).delivered(tracedEvent());
        assertThat(exported.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c"));
    }

    private StreamTracing tracing(boolean sdkDisabled) {
        return new StreamTracing(sdk.getTracer("test"), sdk, sdkDisabled);
    }

    private static CommittedEvent tracedEvent() {
        return new CommittedEvent(new CommittedPosition(1, "BEL-CHN", List.of()), "FactRecorded", "{}", TRACEPARENT);
    }
}
