package io.bilateral.events.event;

import io.bilateral.events.actor.Actor;
import io.bilateral.events.actor.Actors;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;
import io.bilateral.events.time.PartialDate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule a fact must keep beyond its JSON shape: the rules all types share (a fact is not
 * dated when one of its states did not exist; its sources are web addresses; the dyads it also
 * concerns are other dyads) and
 * its type's own {@link RelationEvent#inconsistencies()}. Pointers are relative to the event.
 */
public final class FactRules {

    /** More would make one fact a broadcast; a fact about that many relations is a statement. */
    public static final int MAX_ALSO_CONCERNS = 20;

    private FactRules() {
    }

    public static List<Violation> violations(RelationEvent event) {
        List<Violation> violations = new ArrayList<>();
        existence(event, violations);
        sources(event, violations);
        alsoConcerns(event, violations);
        violations.addAll(event.inconsistencies());
        return violations;
    }

    /** A former state's facts fall within the years it existed (Kosovo's from 2008). */
    private static void existence(RelationEvent event, List<Violation> violations) {
        PartialDate when = event.when();
        if (when == null) {
            return;
        }
        int first = when.earliest() != null ? when.earliest().getYear() : Integer.MIN_VALUE;
        int last = when.latest() != null ? when.latest().getYear() : Integer.MAX_VALUE;
        String pointer = event.occurred() != null ? "/occurred" : "/disclosed";
        for (String code : List.of(event.dyad().first(), event.dyad().second())) {
            Actor actor = Actors.find(code).orElse(null);
            if (actor != null && !actor.existedWithin(first, last)) {
                violations.add(new Violation(pointer, when.edtf() + " is outside the years " + actor.name() + " (" + code
                        + ") existed as a state: " + actor.years()));
            }
        }
    }

    /** Every source is an absolute http or https address: what an amended fact is held to as well as a new one. */
    private static void sources(RelationEvent event, List<Violation> violations) {
        List<Source> sources = event.sources();
        for (int i = 0; sources != null && i < sources.size(); i++) {
            if (sources.get(i) == null || !Source.isWebAddress(sources.get(i).url())) {
                violations.add(new Violation("/sources/" + i + "/url", "must be an absolute http or https URL"));
            }
        }
    }

    private static void alsoConcerns(RelationEvent event, List<Violation> violations) {
        List<DyadId> concerns = event.alsoConcerns();
        if (concerns == null) {
            return;
        }
        if (EventType.of(event).isCorrection()) {
            violations.add(new Violation("/alsoConcerns", "a correction concerns what its fact concerns; to change that, amend the fact's alsoConcerns in changes"));
            return;
        }
        if (concerns.size() > MAX_ALSO_CONCERNS) {
            violations.add(new Violation("/alsoConcerns", "at most " + MAX_ALSO_CONCERNS + " dyads"));
        }
        Set<DyadId> seen = new HashSet<>();
        for (int i = 0; i < concerns.size(); i++) {
            DyadId other = concerns.get(i);
            if (other == null) {
                violations.add(new Violation("/alsoConcerns/" + i, "must be a dyad such as CHN-LTU"));
            } else if (other.equals(event.dyad())) {
                violations.add(new Violation("/alsoConcerns/" + i, "is the fact's own dyad; name only the other dyads it concerns"));
            } else if (!seen.add(other)) {
                violations.add(new Violation("/alsoConcerns/" + i, other + " is named twice"));
            }
        }
    }
}
