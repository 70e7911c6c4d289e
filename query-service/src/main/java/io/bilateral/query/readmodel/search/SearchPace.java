package io.bilateral.query.readmodel.search;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the search index may start a round. While the read models follow live writes, always.
 * While they catch up on a backlog (their lag above a threshold), one round per interval: the
 * index and the projection write the same PostgreSQL, and the index's words were the largest
 * statement of an event, 135 of 317 µs (BENCHMARKS.md). The read
 * models, the stream and read-your-writes wait for the projection; search is documented as
 * following it by its own lag, so it goes second and catches up once the backlog is applied.
 */
final class SearchPace {

    private final LongSupplier readModelLag;
    private final long yieldAboveLag;
    private final long yieldIntervalNanos;
    private boolean started;
    private long lastStart;

    /**
     * @param readModelLag  the read models' last measured lag in events
     * @param yieldAboveLag the lag above which the index yields
     * @param yieldInterval the least time between two rounds' starts while it yields
     */
    SearchPace(LongSupplier readModelLag, long yieldAboveLag, Duration yieldInterval) {
        this.readModelLag = readModelLag;
        this.yieldAboveLag = yieldAboveLag;
        this.yieldIntervalNanos = yieldInterval.toNanos();
    }

    /** Whether a round may start at {@code now} ({@link System#nanoTime()}); if so, it counts as started. */
    synchronized boolean mayStart(long now) {
        if (started && readModelLag.getAsLong() > yieldAboveLag && now - lastStart < yieldIntervalNanos) {
            return false;
        }
        started = true;
        lastStart = now;
        return true;
    }
}
