package io.bilateral.query;

import io.bilateral.events.actor.DyadId;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventMetadata;
import io.bilateral.events.event.Certainty;
import io.bilateral.events.event.DiplomaticRelationsEstablished;
import io.bilateral.events.event.Source;
import io.bilateral.events.time.PartialDate;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Test events. */
public final class Events {

    private Events() {
    }

    /** Any event, from its JSON (type and fields), with fresh metadata for the given fact. */
    public static EventEnvelope of(String factId, String json) {
        com.fasterxml.jackson.databind.node.ObjectNode node;
        try {
            node = (com.fasterxml.jackson.databind.node.ObjectNode) io.bilateral.events.envelope.EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        node.put("eventId", UUID.randomUUID().toString()).put("factId", factId)
                .put("recordedAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        return io.bilateral.events.envelope.EventJson.fromJson(node);
    }

    public static final String SOURCE = "\"sources\": [{\"url\": \"https://example.org/source\", \"locator\": \"p. 1\"}]";

    public static EventEnvelope relationsEstablished(String dyad, String occurred) {
        UUID id = UUID.randomUUID();
        return new EventEnvelope(new EventMetadata(id, id.toString(), Instant.now().truncatedTo(ChronoUnit.MICROS)),
                new DiplomaticRelationsEstablished(DyadId.parse(dyad), PartialDate.parse(occurred),
                        List.of(new Source(URI.create("https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations"),
                                "Belgium–China relations", "Wikipedia", null, null, "History")),
                        Certainty.CONFIRMED, null, null));
    }
}
