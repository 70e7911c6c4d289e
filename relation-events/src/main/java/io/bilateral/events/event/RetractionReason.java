package io.bilateral.events.event;

/** Why a fact was withdrawn. */
public enum RetractionReason { ERRONEOUS, DUPLICATE, SOURCE_WITHDRAWN, SUPERSEDED }
