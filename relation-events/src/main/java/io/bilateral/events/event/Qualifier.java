package io.bilateral.events.event;

/** How exact a reported figure is: "EUR 20.2 bn" is EXACT, "exceeded 20 bn" is MORE_THAN. */
public enum Qualifier { EXACT, ABOUT, AT_LEAST, MORE_THAN, LESS_THAN }
