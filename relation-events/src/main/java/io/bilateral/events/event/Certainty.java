package io.bilateral.events.event;

/**
 * How firmly the sources establish a fact; keeps allegations apart from established facts.
 * Like every enum on the wire, written as its upper-case name ({@code ALLEGED}).
 */
public enum Certainty {
    REPORTED, ALLEGED, CONFIRMED, DENIED
}
