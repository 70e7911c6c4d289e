package io.bilateral.query.stream;

import io.bilateral.query.project.ProjectionTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The stream's part of a fact's trace: a span for each committed event handed to a
 * subscriber, in the trace the event was published in (stored with it, migration V15). Events
 * published without tracing make none, and with tracing off nothing is made (not even no-op
 * spans: see {@code ProjectionTracing}).
 */
@ApplicationScoped
class StreamTracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean on;

    StreamTracing(Tracer tracer, OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.on = !sdkDisabled;
    }

    void delivered(CommittedEvent e) {
        if (!on || e.traceparent() == null) {
            return;
        }
        tracer.spanBuilder("deliver /events/stream").setSpanKind(SpanKind.PRODUCER)
                .setParent(propagator.extract(Context.root(), Map.of("traceparent", e.traceparent()), ProjectionTracing.FIELDS))
                .setAttribute("bilateral.dyad", e.dyad())
                .setAttribute("bilateral.stream.position", e.seq())
                .startSpan()
                .end();
    }
}
