package io.bilateral.query;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Tracing on, as an operator with a collector has it (the spans go to {@link InMemorySpans}). */
public class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false");
    }
}
