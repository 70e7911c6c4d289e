package io.bilateral.query.readmodel.register;

import io.bilateral.events.event.RepresentationChanged;
import io.bilateral.query.readmodel.register.FactsOfTypes.StoredFact;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RepresentationChanged facts folded, in timeline order, into the current level at which each
 * actor is represented in the other (ambassador, chargé d'affaires, none), with the fact that
 * set it. A change "both ways" sets both directions.
 */
public final class RepresentationLevels {

    public static final String TYPE = "RepresentationChanged";

    private RepresentationLevels() {
    }

    public static List<Representation.Level> fold(List<StoredFact> facts) {
        Map<String, Representation.Level> levels = new LinkedHashMap<>();
        for (StoredFact f : facts) {
            JsonObject e = f.event();
            String level = levelAfter(e);
            if (level == null) {
                continue;
            }
            set(levels, e.getString("sendingState"), e.getString("receivingState"), level, f);
            if (Boolean.TRUE.equals(e.getBoolean("bothWays"))) {
                set(levels, e.getString("receivingState"), e.getString("sendingState"), level, f);
            }
        }
        List<Representation.Level> current = new ArrayList<>(levels.values());
        current.sort(java.util.Comparator.comparing(Representation.Level::sendingState));
        return current;
    }

    private static void set(Map<String, Representation.Level> levels, String sending, String receiving, String level, StoredFact f) {
        levels.put(sending + ">" + receiving, new Representation.Level(sending, receiving, level, f.occurred(), f.factId()));
    }

    /** The contract's rule ({@link RepresentationChanged#levelAfter()}): the level given, else what the action implies. */
    private static String levelAfter(JsonObject e) {
        RepresentationChanged.Level after = RepresentationChanged.levelAfter(RepresentationChanged.Action.valueOf(e.getString("action")),
                e.getString("level") == null ? null : RepresentationChanged.Level.valueOf(e.getString("level")));
        return after == null ? null : after.name();
    }
}
