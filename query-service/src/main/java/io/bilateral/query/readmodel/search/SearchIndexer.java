package io.bilateral.query.readmodel.search;

import io.bilateral.query.config.SearchConfig;
import io.bilateral.query.project.LagMonitor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-text index of the facts ({@code fact_search}, migration V12): a projection of its
 * own that follows the stream numbers behind the main one. Each round, in one transaction,
 * it re-indexes the current state of every fact that an event numbered after its position
 * touched, and moves its position past them. The rows and the position commit together, and
 * re-indexing a fact from its current state twice gives the same row: nothing is missed or
 * counted twice after a crash. Numbers become visible in order (V9), so a position never
 * passes an event that commits later.
 *
 * <p>Kept apart because a fact's tsvector and its GIN entry cost about seven eighths of
 * inserting the fact: the projection's transaction, which every read model and the stream
 * wait for, no longer pays it. Search follows the facts by this index's lag, shown in the
 * projection's status; a read with a read-your-writes token waits for it too.
 *
 * <p>Its rounds are paced ({@link SearchPace}): while writes are live, the commits of a live
 * interval are indexed in one round, unless a reader waits for the index; during a catch-up of
 * the read models it yields PostgreSQL to them.
 *
 * <p>One instance indexes at a time (a transaction-scoped advisory lock); the others skip
 * their round. A failed round (the database down) is simply tried again at the next tick.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class);
    /** The advisory-lock space of the search index ("BILS"). */
    private static final int LOCK = 0x42494C53;

    /**
     * A fact's words: every string of its current state but the identifiers, who recorded it,
     * the recording time and the derived coding. Ids, UUID fragments and timestamps are no one's search
     * terms, and they were a quarter of a fact's lexemes: each costs a GIN entry (migration
     * V12 fills the index with the same expression).
     */
    static final String WORDS = "jsonb_to_tsvector('simple'::regconfig, %s - '{eventId,factId,recordedAt,recordedBy,coding}'::text[], '[\"string\"]'::jsonb)";

    /**
     * The facts touched by the next events, indexed from their current state; returns the last
     * number covered. Each fact is looked up by its key on its own (a lateral subquery the
     * planner may not merge into a join, {@code OFFSET 0}): joined to the page instead
     * ({@code IN (SELECT ...)}), a prepared statement's generic plan, made on its connection while
     * the tables were small (a service's first rounds) and kept until PostgreSQL replaced it,
     * scanned every fact in every round it served: in one catch-up of 420,000 events, 157 rounds
     * read 42 million rows of {@code facts}, and such a round took 220-480 ms against 65-145 ms
     * by key (BENCHMARKS.md, "Levers tried: 2026-12-06, 19:16–20:00"). A lookup by key is the
     * plan at any size.
     */
    public static final String INDEX = """
            WITH next AS (
                SELECT seq, fact_id FROM events WHERE seq > $1 ORDER BY seq LIMIT $2
            ), indexed AS (
                INSERT INTO fact_search (fact_id, search)
                SELECT f.fact_id, %s
                FROM (SELECT DISTINCT fact_id FROM next) page
                CROSS JOIN LATERAL (SELECT fact_id, payload FROM facts WHERE facts.fact_id = page.fact_id OFFSET 0) f
                ORDER BY f.fact_id
                ON CONFLICT (fact_id) DO UPDATE SET search = EXCLUDED.search
            )
            SELECT count(*) AS events, max(seq) AS last, (SELECT last_seq FROM stream_head) AS head FROM next""".formatted(WORDS.formatted("f.payload"));

    private final Pool pool;
    private final SearchConfig config;
    private final Vertx vertx;
    private final SearchPace pace;
    private final AtomicBoolean indexing = new AtomicBoolean();
    /** A round put off by the pace has its timer set. */
    private final AtomicBoolean deferred = new AtomicBoolean();
    private volatile boolean wokenWhileIndexing;
    private long timer = -1;

    SearchIndexer(Pool pool, SearchConfig config, Vertx vertx, LagMonitor lag) {
        this.pool = pool;
        this.config = config;
        this.vertx = vertx;
        this.pace = new SearchPace(() -> lag.last().lagEvents(), config.yieldAboveLag(), config.yieldInterval(), config.liveInterval());
    }

    void onStart(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> wake());
    }

    void onStop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    /**
     * Indexes what is new, when the pace allows (a wake-up too early sets a timer for when it
     * does); a wake-up during a round makes it go round once more.
     */
    public void wake() {
        wake(false);
    }

    /** As {@link #wake()}, for a reader waiting for the index: not held back by the live interval. */
    public void wakeForReader() {
        wake(true);
    }

    private void wake(boolean awaited) {
        if (!indexing.compareAndSet(false, true)) {
            wokenWhileIndexing = true;
            return;
        }
        long wait = pace.waitBeforeRound(System.nanoTime(), awaited);
        if (wait > 0) {
            indexing.set(false);
            if (deferred.compareAndSet(false, true)) {
                vertx.setTimer(Math.max(1, wait / 1_000_000), id -> {
                    deferred.set(false);
                    wake(false);
                });
            }
            return;
        }
        wokenWhileIndexing = false;
        round().subscribe().with(more -> {
            indexing.set(false);
            // A full page: the rest is a backlog, indexed at once.
            if (more) {
                wake(true);
            } else if (wokenWhileIndexing) {
                wake(false);
            }
        }, failure -> {
            indexing.set(false);
            LOG.debugf("search index round failed (%s); the next tick tries again", failure.toString());
        });
    }

    /** One transaction: true when it indexed a whole page (there may be more). */
    Uni<Boolean> round() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1, 0) AS mine").execute(Tuple.of(LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("mine") ? indexNext(tx, config.page()) : Uni.createFrom().item(false)));
    }

    /**
     * Indexes everything committed in the tables {@code tables} reaches (a rebuild's schema),
     * a page per transaction; for a caller that is the only writer there, as a rebuild's replay is.
     */
    public static Uni<Void> catchUp(Pool tables, int page) {
        return tables.withTransaction(tx -> indexNext(tx, page))
                .chain(more -> more ? catchUp(tables, page) : Uni.createFrom().voidItem());
    }

    /** The facts of the next page of events, indexed, and the position moved past them; true when the page was full. */
    private static Uni<Boolean> indexNext(SqlConnection tx, int page) {
        return position(tx).chain(from -> tx.preparedQuery(INDEX).execute(Tuple.of(from, page)).chain(rows -> {
            Row row = rows.iterator().next();
            boolean full = row.getLong("events") >= page;
            // A page not full covers everything up to the head read with it, in the same
            // snapshot: numbers handed out but left unused (a re-published event) included.
            long upto = full ? row.getLong("last") : Math.max(from, row.getLong("head"));
            if (upto == from) {
                return Uni.createFrom().item(false);
            }
            return tx.preparedQuery("UPDATE search_position SET last_seq = $1").execute(Tuple.of(upto)).replaceWith(full);
        }));
    }

    /** The last stream number whose fact is indexed. */
    public static Uni<Long> position(SqlClient client) {
        return client.query("SELECT last_seq FROM search_position").execute().map(rows -> rows.iterator().next().getLong("last_seq"));
    }

    /**
     * Part of a rebuild's swap, once its events have their live numbers: the rebuilt index,
     * kept current through the replay ({@link #catchUp}), covers every one of them.
     */
    public static Uni<Void> coversAll(SqlConnection tx, String schema) {
        return tx.query("UPDATE " + schema + ".search_position SET last_seq = (SELECT last_seq FROM " + schema + ".stream_head)")
                .execute().replaceWithVoid();
    }
}
