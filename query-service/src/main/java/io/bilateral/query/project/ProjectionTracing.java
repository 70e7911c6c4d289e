package io.bilateral.query.project;

import io.bilateral.events.envelope.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The projection's part of a fact's trace: for each record that carries one (see
 * {@code TraceHeaders}), a consumer span in the publication's trace, from the start of the
 * transaction that applied the record to its commit. Only committed transactions make spans:
 * a batch retried after a failure shows once, as it finally was. With tracing off (the
 * default), nothing is made: the {@link Projector} is then given none (with
 * {@code quarkus.otel.sdk.disabled}, OpenTelemetry's autoconfiguration still builds an SDK that
 * samples every span, only exporting none; BENCHMARKS.md, 2026-12-08).
 */
@ApplicationScoped
public class ProjectionTracing {

    /** Reads the propagation fields ({@code traceparent}, {@code tracestate}) of a record or a stored event. */
    public static final TextMapGetter<Map<String, String>> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean on;

    ProjectionTracing(Tracer tracer, OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.on = !sdkDisabled;
    }

    /** Whether tracing is on: off, the projection makes no spans and reads no clock for them. */
    boolean on() {
        return on;
    }

    /** The records' spans, from {@code start} to now: their transaction has just committed. */
    void committed(List<LogRecord> records, Instant start) {
        for (LogRecord r : records) {
            if (r.trace().isEmpty()) {
                continue;
            }
            tracer.spanBuilder("project " + Topics.EVENTS).setSpanKind(SpanKind.CONSUMER)
                    .setParent(propagator.extract(Context.root(), r.trace(), FIELDS))
                    .setStartTimestamp(start)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.kafka.destination.partition", r.position().partition())
                    .setAttribute("messaging.kafka.message.offset", r.position().offset())
                    .setAttribute("bilateral.dyad", r.dyad())
                    .startSpan()
                    .end();
        }
    }
}
