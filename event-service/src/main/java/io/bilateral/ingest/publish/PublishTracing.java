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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The publication's part of a fact's trace: a producer span under the POST's server span, whose
 * context every record of the publication carries in its headers ({@link TraceHeaders}), so that
 * the projection's span joins the same trace. With tracing off (the default) there is no span
 * and the records carry nothing. That is decided here, not left to the SDK: with
 * {@code quarkus.otel.sdk.disabled}, OpenTelemetry's autoconfiguration still builds an SDK that
 * samples every span and propagates its context, only exporting none, so every record carried a
 * trace that each reader then continued (BENCHMARKS.md, 2026-12-08).
 */
@ApplicationScoped
public class PublishTracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean on;

    PublishTracing(Tracer tracer, OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.on = !sdkDisabled;
    }

    /**
     * A span for publishing {@code events} events, a child of the caller's current span; with
     * tracing off, the invalid span, which ends as a no-op and whose context no propagator writes.
     */
    Span start(int events) {
        if (!on) {
            return Span.getInvalid();
        }
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
