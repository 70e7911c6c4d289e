package io.bilateral.query.readmodel.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/timeline} answers: a page of facts, and the cursor of the next page (null on the last). */
public record TimelinePage(String dyad, List<Fact> facts, String nextCursor) {

    /**
     * A fact on the timeline: its type, when it occurred (EDTF as recorded, its precision, and the
     * days it may denote), certainty, summary, sources, revision and CAMEO coding.
     * {@code recordedUnder} is there only for a fact recorded under another dyad that concerns this one.
     */
    @Schema(name = "TimelineFact")
    public record Fact(String factId, String type, String occurred, String precision,
                       @Schema(format = "date") String earliest, @Schema(format = "date") String latest,
                       String certainty, String summary,
                       @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                       boolean retracted, int revision, String cameo, Double goldstein,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String recordedUnder) {
    }
}
