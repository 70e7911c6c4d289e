package io.bilateral.events.event;

import io.bilateral.events.cameo.CameoCodebook;

/** A type's coding for one of its kinds: the codebook's for the code, under the nearest PLOVER category. */
final class Codes {

    private Codes() {
    }

    static EventCoding of(String cameo, String plover) {
        return CameoCodebook.coding(cameo).withPlover(plover);
    }
}
