package io.bilateral.query.readmodel.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bilateral.events.event.Person;
import io.bilateral.events.event.Source;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What {@code GET /dyads/{dyad}/incidents} answers: espionage, cyber incidents, sanctions and summons, in timeline order. */
public record IncidentLog(String dyad, List<Incident> incidents) {

    /**
     * An incident: its type, when it was disclosed, the fields of its type (only those it has), and
     * the incidents of the log that respond to it (a summons answering a hack).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Incident")
    public record Incident(String factId, String occurred, String precision, String certainty, String summary,
                           @Schema(type = SchemaType.ARRAY, implementation = Source.class) List<Map<String, Object>> sources,
                           String type, String disclosed,
                           String accused, String accuser, String reportedBy, String accusedAgency, String kind,
                           @Schema(type = SchemaType.ARRAY, description = "people (espionage: Person objects) or sectors (cyber incidents: strings)")
                           List<Object> targets,
                           String threatActor, String attributedTo,
                           String imposedBy, @Schema(implementation = Person.class) Map<String, Object> target, String targetOffice,
                           String measure, String duration, String reason,
                           String summonedBy, String envoyOf, @Schema(implementation = Person.class) Map<String, Object> envoy,
                           String envoyTitle, String respondsTo, List<String> responses) {
    }
}
