package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.time.PartialDate;
import java.math.BigDecimal;
import io.bilateral.events.problem.Violation;
import java.util.List;

/** A trade figure between the two for a period, as a reporter states it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeStatisticReported(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode reporter, @JsonProperty(required = true) ActorCode partner,
        @JsonProperty(required = true) TradeFlow flow, BigDecimal value, String currency, Qualifier qualifier,
        Integer partnerRank, BigDecimal sharePercent, BigDecimal averageAnnualGrowthPercent) implements RelationEvent {

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("reporter", reporter, "partner", partner)
                .require(value == null || value.signum() >= 0, "/value", "cannot be negative")
                .require(value == null || currency != null || qualifier != null, "/currency", "a value needs its currency (or a qualifier saying the source gives none)")
                .require(value != null || partnerRank != null || sharePercent != null || averageAnnualGrowthPercent != null,
                        "/value", "a trade statistic needs at least one figure")
                .require(partnerRank == null || partnerRank >= 1, "/partnerRank", "ranks start at 1")
                .currency("currency", currency)
                .percentage("sharePercent", sharePercent)
                .violations();
    }
}
