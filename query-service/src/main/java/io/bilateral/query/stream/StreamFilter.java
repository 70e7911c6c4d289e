package io.bilateral.query.stream;

import io.bilateral.events.actor.ActorCode;
import io.bilateral.events.actor.DyadId;
import io.bilateral.events.event.EventType;
import io.bilateral.query.rest.InvalidParameterException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which events a subscriber wants: any of these dyads (with the events of facts recorded under
 * other dyads that concern them), and any dyad of these actors, and any of these types (an
 * empty set lets everything through). Checked before the stream opens.
 */
record StreamFilter(Set<String> dyads, Set<String> actors, Set<String> types) {

    static final StreamFilter ALL = new StreamFilter(Set.of(), Set.of(), Set.of());

    /** Dyads in either order ({@code CHN-BEL} is {@code BEL-CHN}); an unknown code or type is a 400 naming the parameter. */
    static StreamFilter parse(List<String> dyads, List<String> actors, List<String> types) {
        Set<String> d = new TreeSet<>();
        for (String dyad : dyads) {
            d.add(DyadId.parse(dyad.trim()).toString());
        }
        Set<String> a = new TreeSet<>();
        for (String actor : actors) {
            try {
                a.add(ActorCode.of(actor.trim()).code());
            } catch (RuntimeException e) {
                throw new InvalidParameterException("actor", e.getMessage());
            }
        }
        Set<String> t = new TreeSet<>();
        for (String type : types) {
            if (EventType.byWireName(type.trim()).isEmpty()) {
                throw new InvalidParameterException("type", "'" + type + "' is not an event type; GET /schemas on event-service lists them");
            }
            t.add(type.trim());
        }
        return new StreamFilter(d, a, t);
    }

    boolean matches(CommittedEvent e) {
        return (dyads.isEmpty() || dyads.contains(e.dyad()) || e.concerns().stream().anyMatch(dyads::contains))
                && (actors.isEmpty() || e.involves(actors))
                && (types.isEmpty() || types.contains(e.type()));
    }

    String[] dyadArray() {
        return array(dyads);
    }

    String[] actorArray() {
        return array(actors);
    }

    String[] typeArray() {
        return array(types);
    }

    /** Null when empty: the query's "no filter". */
    private static String[] array(Set<String> values) {
        return values.isEmpty() ? null : values.toArray(new String[0]);
    }
}
