package io.bilateral.events.event;

/** How diplomatic relations changed. */
public enum Change { DOWNGRADED, UPGRADED, SEVERED, RESTORED }
