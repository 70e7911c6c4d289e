package io.bilateral.query.project;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.List;

/**
 * One read model's part of applying a batch. Called inside the batch's transaction with the
 * events the log has not applied before, in log order (never empty). A read model applies them
 * set-wise, a statement per table for the whole batch where the result does not depend on the
 * order, so that the cost of a batch is not a round trip per event.
 */
public interface ReadModelProjection {

    /**
     * Applies the events. A read model that finds an event changed other dyads' reads too
     * notes them in {@code concerned}; they are stored with the event when the transaction
     * inserts it, after every read model (see {@link Projector}).
     */
    Uni<Void> apply(SqlConnection tx, List<NewEvent> events, ConcernedDyads concerned);
}
