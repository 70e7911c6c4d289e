package io.bilateral.query.readmodel.search;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the search index may start a round. While the read models follow live writes, at most
 * once per live interval: every projection commit wakes the index, and each round is a
 * transaction of its own, so rounds gathered over an interval index the same words for fewer
 * transactions. A round that someone waits for (a reader, or a page left unfinished) goes at
 * once. While the read models catch up on a backlog (their lag above a threshold), one round
 * per yield interval, whoever asks: the index and the projection write the same PostgreSQL,
 * and the index's words were the largest statement of an event, 135 of 317 µs (BENCHMARKS.md).
 * The read models, the stream and read-your-writes wait for the projection; search is
 * documented as following it by its own lag, so it goes second and catches up once the
 * backlog is applied.
 */
final class SearchPace {

    private final LongSupplier readModelLag;
    private final long yieldAboveLag;
    private final long yieldIntervalNanos;
    private final long liveIntervalNanos;
    private boolean started;
    private long lastStart;

    /**
     * @param readModelLag  the read models' last measured lag in events
     * @param yieldAboveLag the lag above which the index yields
     * @param yieldInterval the least time between two rounds' starts while it yields
     * @param liveInterval  the least time between two rounds' starts otherwise, unless someone waits
     */
    SearchPace(LongSupplier readModelLag, long yieldAboveLag, Duration yieldInterval, Duration liveInterval) {
        this.readModelLag = readModelLag;
        this.yieldAboveLag = yieldAboveLag;
        this.yieldIntervalNanos = yieldInterval.toNanos();
        this.liveIntervalNanos = liveInterval.toNanos();
    }

    /**
     * How long before a round may start, asked at {@code now} ({@link System#nanoTime()}): 0 when
     * it may start now, and it then counts as started. {@code awaited}: someone waits for this round.
     */
    synchronized long waitBeforeRound(long now, boolean awaited) {
        long interval = readModelLag.getAsLong() > yieldAboveLag ? yieldIntervalNanos : awaited ? 0 : liveIntervalNanos;
        long since = now - lastStart;
        if (started && since < interval) {
            return interval - since;
        }
        started = true;
        lastStart = now;
        return 0;
    }
}
