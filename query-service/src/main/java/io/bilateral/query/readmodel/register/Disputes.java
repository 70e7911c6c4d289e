package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/disputes} answers: the legal disputes by forum and case. */
public record Disputes(String dyad, List<Dispute> disputes) {

    /** A case: its parties as the latest step states them, the current step, and every step. */
    public record Dispute(String forum, String caseId, String complainant, String respondent, String onBehalfOf,
                          List<String> thirdParties, String currentStep, List<Step> steps) {
    }

    /** A step of a case: FILED, PANEL, RULING, APPEAL, SETTLED ..., with its description. */
    @Schema(name = "DisputeStep")
    public record Step(String factId, String occurred, String precision, String certainty, String summary,
                       @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                       String step, String description) {
    }
}
