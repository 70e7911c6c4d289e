package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the CAMEO codebook and PLOVER classify a fact: its CAMEO code, Goldstein score (−10
 * conflict … +10 cooperation), PLOVER category, CAMEO root and GDELT quad class, so read models
 * can score a relation over time as GDELT does. Built from the shipped codebook
 * ({@link io.bilateral.events.cameo.CameoCodebook}); any part may be null where the codebooks
 * have nothing for the fact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventCoding(String cameo, Double goldstein, String plover, String root, Integer quadClass) {

    public static final EventCoding NONE = new EventCoding(null, null, null, null, null);

    /** The same coding under another PLOVER category (where the type is nearer to it than its root). */
    public EventCoding withPlover(String category) {
        return new EventCoding(cameo, goldstein, category, root, quadClass);
    }
}
