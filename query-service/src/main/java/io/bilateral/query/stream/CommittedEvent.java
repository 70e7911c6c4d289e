package io.bilateral.query.stream;

import java.util.List;
import java.util.Set;

/**
 * One event the projection committed, as the stream sends it: where it sits ({@code seq}, the
 * SSE id, and the dyads it changed), what filters look at, and its CloudEvents JSON, formatted
 * once and shared by every subscriber it goes to.
 */
record CommittedEvent(CommittedPosition position, String type, String cloudEvent, String traceparent)
        implements Subscription.Outgoing {

    long seq() {
        return position.seq();
    }

    String dyad() {
        return position.dyad();
    }

    /** The other dyads whose reads it changed. */
    List<String> concerns() {
        return position.concerns();
    }

    /** The two actors of its dyad. */
    List<String> actors() {
        String dyad = dyad();
        int dash = dyad.indexOf('-');
        return List.of(dyad.substring(0, dash), dyad.substring(dash + 1));
    }

    boolean involves(Set<String> actors) {
        return actors().stream().anyMatch(actors::contains);
    }
}
