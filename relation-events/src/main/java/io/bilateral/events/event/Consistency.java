package io.bilateral.events.event;

import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.problem.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Collects the cross-field rule violations of one event; see {@link RelationEvent#inconsistencies()}. */
final class Consistency {

    private final DyadId dyad;
    private final List<Violation> violations = new ArrayList<>();

    private Consistency(DyadId dyad) {
        this.dyad = dyad;
    }

    static Consistency of(RelationEvent event) {
        return new Consistency(event.dyad());
    }

    /** The actor (when given) must be one of the dyad's two. */
    Consistency inDyad(String field, ActorCode actor) {
        if (actor != null && !dyad.involves(actor.code())) {
            violations.add(new Violation("/" + field, actor + " is not an actor of the dyad " + dyad));
        }
        return this;
    }

    /** Both in the dyad, and not the same: one on each side. */
    Consistency opposite(String fieldA, ActorCode a, String fieldB, ActorCode b) {
        inDyad(fieldA, a).inDyad(fieldB, b);
        if (a != null && a.equals(b)) {
            violations.add(new Violation("/" + fieldB, "must be the other actor of the dyad than " + fieldA));
        }
        return this;
    }

    Consistency require(boolean holds, String pointer, String reason) {
        if (!holds) {
            violations.add(new Violation(pointer, reason));
        }
        return this;
    }

    Consistency currency(String field, String code) {
        if (code != null) {
            try {
                Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("/" + field, "'" + code + "' is not an ISO 4217 currency code (EUR, USD, CNY ...)"));
            }
        }
        return this;
    }

    Consistency percentage(String field, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            violations.add(new Violation("/" + field, "must be a percentage from 0 to 100"));
        }
        return this;
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }
}
