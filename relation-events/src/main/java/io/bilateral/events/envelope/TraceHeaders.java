package io.bilateral.events.envelope;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace a record belongs to, in its headers: CloudEvents' distributed-tracing extension,
 * whose attributes {@code traceparent} and {@code tracestate} (W3C Trace Context) are the
 * headers {@code ce_traceparent} and {@code ce_tracestate} in Kafka's binary mode. A tracing
 * library's propagator writes and reads them through {@link #put} and {@link #read}; this
 * contract stays free of any tracing library.
 */
public final class TraceHeaders {

    private static final String PREFIX = "ce_";

    private TraceHeaders() {
    }

    /** Sets one propagation field ({@code traceparent}, {@code tracestate}) on the record's headers. */
    public static void put(Headers headers, String field, String value) {
        headers.remove(PREFIX + field);
        headers.add(PREFIX + field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The propagation fields the record carries, by field name without the prefix; empty when none. */
    public static Map<String, String> read(Headers headers) {
        Map<String, String> fields = new LinkedHashMap<>(2);
        for (String field : new String[] {"traceparent", "tracestate"}) {
            Header h = headers.lastHeader(PREFIX + field);
            if (h != null && h.value() != null) {
                fields.put(field, new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return fields.isEmpty() ? Map.of() : fields;
    }
}
