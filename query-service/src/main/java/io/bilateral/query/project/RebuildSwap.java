package io.bilateral.query.project;

import io.bilateral.events.envelope.Topics;
import io.bilateral.query.readmodel.search.SearchIndexer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * The end of a {@link Rebuild}: in one transaction that holds off the live projection, the
 * rebuilt schema ({@value Rebuild#SCHEMA}) takes the place of the live one, if its replay is not behind the live
 * projection on any partition. Readers see the old tables or the new ones, never a mix; the
 * rebuilt events keep the stream numbers subscribers know them by.
 */
final class RebuildSwap {

    private static final Logger LOG = Logger.getLogger(RebuildSwap.class);

    private final Pool pool;

    RebuildSwap(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the replay's positions (past any commit markers) and swaps the schemas, unless
     * the replay is behind the live projection somewhere or the live projection held its locks
     * too long (then the replay goes on and tries again): false then.
     */
    boolean swap(Map<Integer, Long> position) {
        String retired = "retired_" + System.currentTimeMillis();
        boolean swapped;
        try {
            swapped = pool.withTransaction(tx -> tx.query("SET LOCAL lock_timeout = '30s'").execute()
                            .chain(() -> Projector.lockLive(tx, position.keySet()))
                            .chain(() -> savePositions(tx, position))
                            .chain(() -> behindLive(tx))
                            .chain(behind -> behind ? Uni.createFrom().item(false) : renumber(tx)
                                    // The rebuilt search index kept up during the replay: it covers the numbers just given.
                                    .chain(() -> SearchIndexer.coversAll(tx, Rebuild.SCHEMA))
                                    .chain(() -> tx.query("ALTER SCHEMA public RENAME TO " + retired).execute())
                                    .chain(() -> tx.query("ALTER SCHEMA rebuild RENAME TO public").execute())
                                    .replaceWith(true)))
                    .await().atMost(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            if (!Failures.isTransient(e)) {
                throw e;
            }
            // The lock timeout (a long live batch, long queries) rolled the swap back: try again.
            LOG.infof("swap not done yet (%s); the replay goes on", Failures.reason(e));
            return false;
        }
        if (swapped) {
            dropRetired(retired);
        }
        return swapped;
    }

    /** Never backwards, as the live projection's offsets. */
    private static Uni<Void> savePositions(SqlConnection tx, Map<Integer, Long> position) {
        Uni<Void> saved = Uni.createFrom().voidItem();
        for (Map.Entry<Integer, Long> p : position.entrySet()) {
            saved = saved.call(() -> tx.preparedQuery("""
                            INSERT INTO rebuild.projection_offsets (topic, partition, next_offset) VALUES ($1, $2, $3)
                            ON CONFLICT (topic, partition) DO UPDATE
                            SET next_offset = GREATEST(rebuild.projection_offsets.next_offset, EXCLUDED.next_offset)""")
                    .execute(Tuple.of(Topics.EVENTS, p.getKey(), p.getValue())));
        }
        return saved;
    }

    /** Whether the live projection has applied, on some partition, what the replay has not reached. */
    private static Uni<Boolean> behindLive(SqlConnection tx) {
        return tx.query("""
                        SELECT count(*) AS behind FROM public.projection_offsets l
                        LEFT JOIN rebuild.projection_offsets r ON r.topic = l.topic AND r.partition = l.partition
                        WHERE r.next_offset IS NULL OR r.next_offset < l.next_offset""").execute()
                .map(rows -> rows.iterator().next().getLong("behind") > 0);
    }

    /**
     * Queries still reading the old tables finish first: DROP waits for their locks. The swap
     * is done whatever happens here; a leftover schema only takes space.
     */
    private void dropRetired(String retired) {
        try {
            pool.query("DROP SCHEMA " + retired + " CASCADE").execute().await().atMost(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            LOG.warnf("the retired read models (schema %s) were not dropped: %s; drop them by hand", retired, Failures.reason(e));
        }
    }

    /**
     * Gives the rebuilt events the stream numbers they have in the live tables, so that a
     * subscriber's position means the same event after the swap: no gap, no repeat. Events only
     * the rebuild has (the live projection parked them) are numbered after the live head, as
     * new. Runs under the swap's locks, so the live numbers cannot move meanwhile.
     */
    private static Uni<Void> renumber(SqlConnection tx) {
        return tx.query("SET CONSTRAINTS rebuild.events_seq_key DEFERRED").execute()
                .chain(() -> tx.query("""
                        UPDATE rebuild.events r SET seq = l.seq FROM public.events l
                        WHERE l.dyad = r.dyad AND l.event_id = r.event_id AND l.seq <> r.seq""").execute())
                .chain(() -> tx.query("""
                        UPDATE rebuild.events r SET seq = h.last_seq + n.rank
                        FROM public.stream_head h, (
                            SELECT dyad, event_id, row_number() OVER (ORDER BY seq) AS rank FROM rebuild.events r2
                            WHERE NOT EXISTS (SELECT 1 FROM public.events l WHERE l.dyad = r2.dyad AND l.event_id = r2.event_id)) n
                        WHERE r.dyad = n.dyad AND r.event_id = n.event_id""").execute())
                .chain(() -> tx.query("""
                        UPDATE rebuild.stream_head SET last_seq = GREATEST(
                            (SELECT last_seq FROM public.stream_head), (SELECT coalesce(max(seq), 0) FROM rebuild.events))""").execute())
                // Subscribers' tails look again: the events only the rebuild has are new to them.
                .chain(() -> tx.query("SELECT pg_notify('" + Projector.COMMITTED_CHANNEL + "', '" + Projector.REBUILT + "')").execute())
                .replaceWithVoid();
    }
}
