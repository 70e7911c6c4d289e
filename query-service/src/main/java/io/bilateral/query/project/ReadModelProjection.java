package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One read model's part of applying an event. Called inside the batch's transaction, once per
 * event the log has not applied before, in log order within a dyad.
 */
public interface ReadModelProjection {

    Uni<Void> apply(SqlConnection tx, EventEnvelope event);
}
