package io.bilateral.importer;

import io.bilateral.events.actor.DyadId;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The ids of an imported fact, derived from the source's own id, so that importing the same
 * row again yields the same event: the projection applies an event id once per dyad, and the
 * importer can ask which fact ids are recorded before posting.
 */
public final class FactIds {

    private FactIds() {
    }

    /** A name-based (version 3) UUID of "gdelt:&lt;GLOBALEVENTID&gt;": the same on every import. */
    public static UUID gdeltEventId(long globalEventId) {
        return UUID.nameUUIDFromBytes(("gdelt:" + globalEventId).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code bel-chn-gdelt-<GLOBALEVENTID>}: a fact id starts with its dyad in lower case (event-service checks it). */
    public static String gdeltFactId(DyadId dyad, long globalEventId) {
        return dyad.toString().toLowerCase(Locale.ROOT) + "-gdelt-" + globalEventId;
    }
}
