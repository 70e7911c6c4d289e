package io.bilateral.query.project;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which other dyads' reads each event of a transaction changed (the {@code events.concerns}
 * column, migration V13), as the read models find out. The {@link Projector} writes them with
 * the events themselves, at the end of the transaction, instead of each read model updating
 * rows of {@code events} that would have to be written first: the events are inserted last so
 * that the stream's numbering, which serialises every transaction, covers only that insert.
 */
public final class ConcernedDyads {

    private final Map<List<Object>, TreeSet<String>> byEvent = new HashMap<>();

    /** Notes that {@code event} changed the reads of {@code dyads} (none: nothing to note). */
    public void add(NewEvent event, Collection<String> dyads) {
        if (!dyads.isEmpty()) {
            byEvent.computeIfAbsent(key(event), k -> new TreeSet<>()).addAll(dyads);
        }
    }

    /** The event's other dyads as a PostgreSQL array literal, or null when none. */
    String arrayLiteral(NewEvent event) {
        TreeSet<String> dyads = byEvent.get(key(event));
        return dyads == null ? null : "{" + String.join(",", dyads) + "}";
    }

    private static List<Object> key(NewEvent event) {
        UUID id = event.envelope().metadata().eventId();
        return List.of(event.envelope().dyad().toString(), id);
    }
}
