package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * An economic measure one actor takes against the other: a sanction, a tariff, an import ban,
 * an export control, a boycott or customs obstruction, on {@code goods} (a sector or goods).
 * Its {@code step} says whether it was imposed, extended, eased or lifted; an easing or a
 * lifting names the fact that imposed it ({@code measureFact}) when known, so that the register
 * shows one measure from its start to its end.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EconomicMeasure(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode imposedBy, @JsonProperty(required = true) ActorCode imposedOn,
        @JsonProperty(required = true) Kind measure, String goods,
        @JsonProperty(required = true) Step step, String measureFact, String description) implements RelationEvent {

    public enum Kind { SANCTIONS, TARIFF, IMPORT_BAN, EXPORT_CONTROL, BOYCOTT, CUSTOMS_OBSTRUCTION }

    public enum Step { IMPOSED, EXTENDED, EASED, LIFTED }

    /** CAMEO 163 "impose embargo, boycott, or sanctions"; 085 "ease economic sanctions, boycott, embargo". */
    @Override
    public EventCoding coding() {
        return switch (step) {
            case IMPOSED, EXTENDED -> Codes.of("163", "SANCTION");
            case EASED, LIFTED -> Codes.of("085", "CONCEDE");
        };
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("imposedBy", imposedBy, "imposedOn", imposedOn)
                .require(measureFact == null || step != Step.IMPOSED, "/measureFact",
                        "an imposed measure is its own fact; measureFact names the measure an extension, easing or lifting changes")
                .violations();
    }
}
