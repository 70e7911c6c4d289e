package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.Person;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/visits} answers: the visit register, in timeline order. */
public record Visits(String dyad, List<Visit> visits) {

    /** A visit: who (and the office held then), from which state to which, when, how certain, and the sources. */
    public record Visit(String factId, String occurred, String precision, String certainty, String summary,
                        @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                        @Schema(implementation = Person.class) Map<String, Object> visitor, String office,
                        String visitingState, String hostState) {
    }
}
