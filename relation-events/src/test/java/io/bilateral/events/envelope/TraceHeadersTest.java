package io.bilateral.events.envelope;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context an event travels with, in CloudEvents' header names, and the trace id logs name it by. */
class TraceHeadersTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theFields_roundTrip_underTheCloudEventsPrefix() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.put(headers, "traceparent", TRACEPARENT);
        TraceHeaders.put(headers, "traceparent", TRACEPARENT);
        assertThat(headers.toArray()).hasSize(1);
        assertThat(headers.lastHeader("ce_traceparent")).isNotNull();
        assertThat(TraceHeaders.read(headers)).isEqualTo(Map.of("traceparent", TRACEPARENT));
        assertThat(TraceHeaders.read(new RecordHeaders())).isEmpty();
    }

    @Test
    void theTraceId_isTheSecondField_ofAWellFormedTraceparent_only() {
        assertThat(TraceHeaders.traceId(TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceHeaders.traceId(null)).isNull();
        assertThat(TraceHeaders.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceHeaders.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceHeaders.traceId("not a trace")).isNull();
    }
}
