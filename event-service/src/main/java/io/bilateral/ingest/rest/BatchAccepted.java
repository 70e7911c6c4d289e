package io.bilateral.ingest.rest;

import io.bilateral.events.envelope.ConsistencyToken;
import io.bilateral.events.envelope.LogPosition;

import java.util.List;

/**
 * The answer to an accepted batch: how many events, committed in one transaction, and the
 * last position it reached on each partition, and the same as the token a reader carries to
 * query-service to see all of it.
 */
public record BatchAccepted(int accepted, List<LogPosition> positions, String consistencyToken) {

    static BatchAccepted of(int accepted, List<LogPosition> positions) {
        return new BatchAccepted(accepted, positions, ConsistencyToken.of(positions).toString());
    }
}
