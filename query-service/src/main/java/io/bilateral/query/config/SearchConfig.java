package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The full-text index's own projection ({@code bilateral.search.*}; env {@code BILATERAL_SEARCH_*}); see {@code SearchIndexer}. */
@ConfigMapping(prefix = "bilateral.search")
public interface SearchConfig {

    /**
     * How often the index looks for new events without being woken. The stream's tail wakes it
     * on every commit it reads, so this only bounds the delay when a wake-up is missed.
     */
    @WithDefault("500ms")
    Duration interval();

    /**
     * While the read models follow live writes, a round starts at most once per this interval
     * (a reader that waits for the index, or a page left unfinished, goes at once). Every commit
     * of the projection wakes the index: at 1,000 events/s, with a round per commit (about 130
     * a second), PostgreSQL took 40-48 % of a core; with rounds gathered over 100 ms (about 10 a
     * second), 33-38 %, for the same words indexed (BENCHMARKS.md, 2026-12-06). Search follows
     * the facts by up to this much more.
     */
    @WithDefault("100ms")
    Duration liveInterval();

    /** Events whose facts are indexed per transaction. */
    @WithDefault("2000")
    int page();

    /**
     * The read models' lag (events, as the projection's status measures it) above which they
     * are catching up on a backlog rather than following live writes: the index then yields
     * PostgreSQL to them and indexes one page per {@link #yieldInterval()}. Live load stays
     * well below it (about a second of writes behind at 1,000 events/s).
     */
    @WithDefault("10000")
    long yieldAboveLag();

    /**
     * While yielding, at most one page per this interval: search still moves through a long
     * catch-up, on some of the machine the read models leave idle (BENCHMARKS.md).
     */
    @WithDefault("1s")
    Duration yieldInterval();
}
