package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How query-service consumes the log ({@code bilateral.projection.*}; env {@code BILATERAL_PROJECTION_*}). */
@ConfigMapping(prefix = "bilateral.projection")
public interface ProjectionConfig {

    /** Off only for tests of the query side alone. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Kafka consumer group. Instances in one group share the partitions; the offsets that
     * count are the ones in PostgreSQL, the group's own are only written for monitoring.
     */
    @WithDefault("bilateral-query")
    String groupId();

    /**
     * The group's own offsets (for tools such as kafka-consumer-groups) are written at most this
     * often, and when the log goes quiet: each is a write to the broker's offsets log, and one
     * per batch (150 a second at 1,000 events/s) took a broker 5-8 % of a core (BENCHMARKS.md,
     * 2026-12-06).
     */
    @WithDefault("1s")
    Duration groupOffsetsInterval();

    /**
     * About the most records of one partition applied in one database transaction: a partition's
     * fetch is sized for this many, and a poll takes this many times {@link #concurrency()}.
     */
    @WithDefault("500")
    int maxPollRecords();

    /**
     * Most partitions of a poll applied in concurrent transactions (each partition's records in
     * one of them, in log order). 1 applies them one after another. A poll of fewer than
     * {@link #maxPollRecords()} records (the live flow) is applied in one transaction.
     */
    @WithDefault("4")
    int concurrency();

    /**
     * How long the group waits for a silent instance before giving its partitions to the
     * others (Kafka's {@code session.timeout.ms}; Kafka's default of 45 s stalls a killed
     * instance's partitions that long). Heartbeats go at a third of it.
     */
    @WithDefault("15s")
    Duration sessionTimeout();

    /** First wait before retrying a batch that failed; it doubles on each failure up to {@link #maxRetryBackoff()}. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Longest wait between retries (a database that is down is retried at this pace). */
    @WithDefault("30s")
    Duration maxRetryBackoff();

    /**
     * Attempts at a batch that fails for a reason other than the database or the network
     * before its events are applied one by one and the failing one is parked.
     */
    @WithDefault("3")
    int poisonAttempts();

    /** Readiness goes DOWN while the projection is more than this many events behind the log. */
    @WithDefault("1000")
    long maxReadyLag();

    /** How often the lag behind the log is measured (status, readiness, metrics). */
    @WithDefault("2s")
    Duration lagInterval();

    /**
     * Longest a read carrying a consistency token ({@code Bilateral-Read-After}) waits for the
     * projection to reach it before answering 503 with Retry-After.
     */
    @WithDefault("5s")
    Duration readAfterMaxWait();

    /** Most records a rebuild applies in one transaction. */
    @WithDefault("500")
    int rebuildMaxPollRecords();
}
