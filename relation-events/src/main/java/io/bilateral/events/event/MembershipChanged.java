package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * One actor of the dyad joined, left, was suspended from or readmitted to a multilateral format
 * or organisation ({@code organisation}: its name, e.g. "17+1"; {@code organisationCode} when it
 * is a known actor such as EU), which {@code ledBy} may lead (the other actor, in a format one
 * state leads).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipChanged(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode member, @JsonProperty(required = true) String organisation,
        ActorCode organisationCode, ActorCode ledBy,
        @JsonProperty(required = true) Kind change) implements RelationEvent {

    public enum Kind { JOINED, LEFT, SUSPENDED, READMITTED }

    /** Joining or returning is diplomatic cooperation (050); leaving or suspension reduces relations (160). */
    @Override
    public EventCoding coding() {
        return switch (change) {
            case JOINED, READMITTED -> Codes.of("050", "COOPERATE");
            case LEFT, SUSPENDED -> Codes.of("160", "SANCTION");
        };
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).inDyad("member", member)
                .require(!organisation.isBlank(), "/organisation", "name the format or organisation")
                .require(ledBy == null || !ledBy.equals(member), "/ledBy", "the member does not lead the format it changes its membership of")
                .violations();
    }
}
