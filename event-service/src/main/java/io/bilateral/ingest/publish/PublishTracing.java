package io.bilateral.ingest.publish;

import io.bilateral.events.envelope.TraceHeaders;
import io.bilateral.events.envelope.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

/**
 * The publication's part of a fact's trace: a producer span under the POST's server span, whose
 * context every record of the publication carries in its headers ({@link TraceHeaders}), so that
 * the projection's span joins the same trace. With tracing off (the default), the spans are
 * no-ops and the records carry nothing.
 */
@ApplicationScoped
public class PublishTracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    PublishTracing(Tracer tracer, OpenTelemetry openTelemetry) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** A span for publishing {@code events} events, a child of the caller's current span. */
    Span start(int events) {
        return tracer.spanBuilder("publish " + Topics.EVENTS).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", Topics.EVENTS)
                .setAttribute("messaging.batch.message_count", events)
                .startSpan();
    }

    /** The span's context into a record's headers. */
    void inject(Span span, Headers headers) {
        propagator.inject(Context.current().with(span), headers, TraceHeaders::put);
    }

    static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getMessage());
        }
        span.end();
    }
}
