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

    /** W3C trace context: version 00, a trace id, a parent span id, flags. */
    private static final java.util.regex.Pattern TRACEPARENT =
            java.util.regex.Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    /** The trace id a {@code traceparent} names, or null when there is none or it is not one (an all-zero id is none). */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        java.util.regex.Matcher m = TRACEPARENT.matcher(traceparent.trim());
        return m.matches() && !m.group(1).chars().allMatch(c -> c == '0') ? m.group(1) : null;
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
