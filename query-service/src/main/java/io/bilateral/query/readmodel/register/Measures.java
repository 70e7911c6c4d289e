package io.bilateral.query.readmodel.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/measures} answers: the economic measures, each with its steps. */
public record Measures(String dyad, List<Measure> measures) {

    /** A measure: who imposes it on whom, its kind and goods, IN_FORCE, EASED or LIFTED, when it started and was lifted. */
    public record Measure(String factId, String imposedBy, String imposedOn, String measure, String goods,
                          String started, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String lifted, List<Step> steps) {
    }

    /** A step of a measure: IMPOSED, EXTENDED, EASED, LIFTED ..., with its description. */
    @Schema(name = "MeasureStep")
    public record Step(String factId, String occurred, String precision, String certainty, String summary,
                       @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                       String step, String description) {
    }
}
