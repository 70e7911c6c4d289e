package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.List;

/**
 * A change in how {@code sendingState} is represented in {@code receivingState}: an ambassador
 * appointed, recalled, expelled or withdrawn, declared persona non grata, or the level of
 * representation changed. {@code level} is the level after the change (ambassador, chargé
 * d'affaires, none); {@code bothWays} says it holds for the other direction too, as when both
 * lower relations to chargé d'affaires level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepresentationChanged(@JsonProperty(required = true) DyadId dyad, PartialDate occurred,
        @JsonProperty(required = true) List<Source> sources, Certainty certainty, String summary, List<DyadId> alsoConcerns,
        @JsonProperty(required = true) ActorCode sendingState, @JsonProperty(required = true) ActorCode receivingState,
        @JsonProperty(required = true) Action action, Level level, Person envoy, Boolean bothWays) implements RelationEvent {

    public enum Action { AMBASSADOR_APPOINTED, AMBASSADOR_RECALLED, AMBASSADOR_EXPELLED, AMBASSADOR_WITHDRAWN, PERSONA_NON_GRATA, LEVEL_CHANGED }

    public enum Level { AMBASSADOR, CHARGE_D_AFFAIRES, NONE }

    /** The level this leaves: the one given, else what the action implies (null: unchanged). */
    public Level levelAfter() {
        return levelAfter(action, level);
    }

    /** The level a change leaves: {@code level} when it names one, else what the action implies (null: unchanged). */
    public static Level levelAfter(Action action, Level level) {
        if (level != null) {
            return level;
        }
        return switch (action) {
            case AMBASSADOR_APPOINTED -> Level.AMBASSADOR;
            case AMBASSADOR_RECALLED, AMBASSADOR_EXPELLED, AMBASSADOR_WITHDRAWN -> Level.CHARGE_D_AFFAIRES;
            case PERSONA_NON_GRATA, LEVEL_CHANGED -> null;
        };
    }

    /** An appointment or a raise is diplomatic cooperation (050); a recall or a lowering reduces relations (161); an expulsion 174. */
    @Override
    public EventCoding coding() {
        return switch (action) {
            case AMBASSADOR_APPOINTED -> Codes.of("050", "COOPERATE");
            case AMBASSADOR_RECALLED, AMBASSADOR_WITHDRAWN -> Codes.of("161", "SANCTION");
            case AMBASSADOR_EXPELLED, PERSONA_NON_GRATA -> Codes.of("174", "COERCE");
            case LEVEL_CHANGED -> level == Level.AMBASSADOR ? Codes.of("050", "COOPERATE") : Codes.of("161", "SANCTION");
        };
    }

    @Override
    public List<Violation> inconsistencies() {
        return Consistency.of(this).opposite("sendingState", sendingState, "receivingState", receivingState)
                .require(action != Action.LEVEL_CHANGED || level != null, "/level", "a change of level says the level it changes to")
                .require(action != Action.AMBASSADOR_APPOINTED || level == null || level == Level.AMBASSADOR, "/level",
                        "an appointed ambassador makes the level AMBASSADOR")
                .violations();
    }
}
