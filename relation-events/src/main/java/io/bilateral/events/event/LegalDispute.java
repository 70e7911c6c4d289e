package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * One step of a legal dispute before a forum (WTO, ICJ, PCA, ITLOS, ICSID ...), identified by
 * the forum's case id. The complainant may act on another's behalf ({@code onBehalfOf}: the EU
 * files at the WTO for a member). The dyad is one of the relations the case is about: the
 * complainant's, the respondent's or the represented party's with the other side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalDispute(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) Forum forum, @JsonProperty(required = true) String caseId,
        @JsonProperty(required = true) ActorCode complainant, @JsonProperty(required = true) ActorCode respondent,
        ActorCode onBehalfOf, List<ActorCode> thirdParties,
        @JsonProperty(required = true) Step step, String description) implements RelationEvent {

    public enum Forum { WTO, ICJ, PCA, ITLOS, ICSID, ECHR, CJEU, OTHER }

    public enum Step { FILED, CONSULTATIONS, PANEL_ESTABLISHED, RULING, APPEAL, SUSPENDED, SETTLED, WITHDRAWN }

    /** Bringing or pursuing a case is 115; a ruling 116; a settlement an agreement (057); a withdrawal yielding (080). */
    @Override
    public EventCoding coding() {
        return switch (step) {
            case FILED, CONSULTATIONS, PANEL_ESTABLISHED, APPEAL -> Codes.of("115", "ACCUSE");
            case RULING -> Codes.of("116", "ACCUSE");
            case SETTLED -> Codes.of("057", "AGREE");
            case WITHDRAWN -> Codes.of("080", "CONCEDE");
            case SUSPENDED -> EventCoding.NONE;
        };
    }

    @Override
    public List<Violation> inconsistencies() {
        boolean party = dyad.involves(complainant.code()) || dyad.involves(respondent.code())
                || (onBehalfOf != null && dyad.involves(onBehalfOf.code()));
        return Consistency.of(this)
                .require(!complainant.equals(respondent), "/respondent", "must differ from the complainant")
                .require(party, "/dyad", "the complainant, the respondent or the party represented must be an actor of the dyad")
                .require(!caseId.isBlank(), "/caseId", "give the forum's case id (DS610 at the WTO ...)")
                .violations();
    }
}
