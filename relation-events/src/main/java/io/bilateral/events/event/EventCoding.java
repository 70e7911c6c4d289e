package io.bilateral.events.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the CAMEO codebook and PLOVER classify a type of fact, and its Goldstein score
 * (−10 conflict … +10 cooperation), so read models can score a relation over time as GDELT
 * does. Any part may be null where the codebooks have nothing for the type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventCoding(String cameo, Double goldstein, String plover) {

    public static final EventCoding NONE = new EventCoding(null, null, null);
}
