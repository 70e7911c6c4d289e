package io.bilateral.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's demo data ({@code demo/*.ndjson}), as events to publish: each keeps its fact id, and gets a new event id. */
public final class DemoData {
    private DemoData() {
    }

    /** The events of each named file ({@code "belgium-china"} reads {@code demo/belgium-china.ndjson}), in file order. */
    public static EventEnvelope[] events(String... files) {
        List<EventEnvelope> events = new ArrayList<>();
        for (String file : files) {
            try {
                for (String line : Files.readAllLines(Path.of("..", "demo", file + ".ndjson"))) {
                    if (!line.isBlank()) {
                        JsonNode n = EventJson.mapper().readTree(line);
                        events.add(Events.of(n.path("factId").asText(), line.replaceAll("\"eventId\": \"[^\"]+\", ", "")
                                .replaceAll("\"factId\": \"[^\"]+\", ", "")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events.toArray(EventEnvelope[]::new);
    }
}
