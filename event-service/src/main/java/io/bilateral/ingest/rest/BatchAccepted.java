package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.LogPosition;

import java.util.List;

/**
 * The answer to an accepted batch: how many events, committed in one transaction, and the
 * last position it reached on each partition (what a reader waits for to see all of it).
 */
public record BatchAccepted(int accepted, List<LogPosition> positions) {
}
