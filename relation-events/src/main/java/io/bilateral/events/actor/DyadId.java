package io.bilateral.events.actor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An unordered pair of two different actors, kept in canonical (sorted) order so that
 * {@code CHN-BEL} and {@code BEL-CHN} are the same dyad. Its string form is the Kafka record
 * key: every fact of one dyad lands on one partition, in order.
 */
public record DyadId(String first, String second) {

    public DyadId {
        if (first.compareTo(second) >= 0) {
            throw new IllegalArgumentException("use DyadId.of: " + first + "-" + second + " is not canonical");
        }
    }

    /** The dyad of two actor codes in either order. */
    public static DyadId of(String a, String b) {
        for (String code : new String[] {a, b}) {
            if (!Actors.isKnown(code)) {
                throw new InvalidDyadException("'" + code + "' is not a known actor code (ISO 3166-1 alpha-3, or one of "
                        + "the organisations " + String.join(", ", Actors.organisationCodes()) + ")");
            }
        }
        if (a.equals(b)) {
            throw new InvalidDyadException("a dyad needs two different actors, not " + a + " twice");
        }
        return a.compareTo(b) < 0 ? new DyadId(a, b) : new DyadId(b, a);
    }

    /** Parses {@code BEL-CHN} or {@code CHN-BEL}. */
    @JsonCreator
    public static DyadId parse(String id) {
        if (id == null) {
            throw new InvalidDyadException("must be two actor codes joined by '-', e.g. BEL-CHN");
        }
        String[] codes = id.split("-", -1);
        if (codes.length != 2) {
            throw new InvalidDyadException("'" + id + "' is not two actor codes joined by '-', e.g. BEL-CHN");
        }
        return of(codes[0], codes[1]);
    }

    public boolean involves(String actor) {
        return first.equals(actor) || second.equals(actor);
    }

    @JsonValue
    @Override
    public String toString() {
        return first + "-" + second;
    }
}
