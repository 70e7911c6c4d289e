package io.bilateral.events.event;

/** Which trade a figure measures, from the reporter's side. */
public enum TradeFlow { TOTAL, EXPORTS, IMPORTS }
