package io.bilateral.query.project;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The stream numbers one projection transaction hands out (migration V9). Taking them locks
 * the {@code stream_head} row until the transaction ends: the next transaction's numbers are
 * higher and become visible after these, so numbers are committed in order.
 */
final class StreamNumbers {

    private final long head;
    private long last;

    private StreamNumbers(long head) {
        this.head = head;
        this.last = head;
    }

    /** Locks the head row (after the partition locks, always: one order, no deadlock). */
    static Uni<StreamNumbers> take(SqlConnection tx) {
        return tx.query("SELECT last_seq FROM stream_head FOR UPDATE").execute()
                .map(rows -> new StreamNumbers(rows.iterator().next().getLong("last_seq")));
    }

    long next() {
        return ++last;
    }

    /**
     * Stores the new head and, with {@code notify}, tells listeners of it when the transaction
     * commits (PostgreSQL delivers a NOTIFY only then, and never for a rollback). A number
     * given to an event that turned out to be there already stays unused: the stream skips gaps.
     */
    Uni<Void> store(SqlConnection tx, boolean notify) {
        if (last == head) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> stored = tx.preparedQuery("UPDATE stream_head SET last_seq = $1").execute(Tuple.of(last)).replaceWithVoid();
        return notify
                ? stored.chain(() -> tx.preparedQuery("SELECT pg_notify($1, $2)")
                        .execute(Tuple.of(Projector.COMMITTED_CHANNEL, Long.toString(last))).replaceWithVoid())
                : stored;
    }
}
