package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.Person;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/representation} answers: each change of representation, and the level each way now. */
public record Representation(String dyad, List<Change> changes, List<Level> current) {

    /** An ambassador appointed, recalled, expelled ...: by which state in which, the level it set, the envoy. */
    @Schema(name = "RepresentationChange")
    public record Change(String factId, String occurred, String precision, String certainty, String summary,
                         @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                         String sendingState, String receivingState, String action, String level,
                         @Schema(implementation = Person.class) Map<String, Object> envoy, Boolean bothWays) {
    }

    /** The level at which one state is represented in the other, since when, and by which fact. */
    @Schema(name = "RepresentationLevel")
    public record Level(String sendingState, String receivingState, String level, String since, String factId) {
    }
}
