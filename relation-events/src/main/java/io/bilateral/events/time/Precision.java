package io.bilateral.events.time;

/** How much of a date is known. Ordered from finest to coarsest. */
public enum Precision {
    DAY, MONTH, YEAR;

    /** The coarser of two precisions: an interval is only as precise as its vaguer end. */
    public Precision coarser(Precision other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
