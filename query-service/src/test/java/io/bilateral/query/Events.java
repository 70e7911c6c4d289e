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

    public static EventEnvelope relationsEstablished(String dyad, String occurred) {
        UUID id = UUID.randomUUID();
        return new EventEnvelope(new EventMetadata(id, id.toString(), Instant.now().truncatedTo(ChronoUnit.MICROS)),
                new DiplomaticRelationsEstablished(DyadId.parse(dyad), PartialDate.parse(occurred),
                        List.of(new Source(URI.create("https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations"),
                                "Belgium–China relations", "Wikipedia", null, null, "History")),
                        Certainty.CONFIRMED, null));
    }
}
