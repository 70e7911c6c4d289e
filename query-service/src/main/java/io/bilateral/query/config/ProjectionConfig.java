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

    /** Most records applied in one database transaction. */
    @WithDefault("500")
    int maxPollRecords();

    /** Wait before retrying a batch whose transaction failed (database down, ...). */
    @WithDefault("1s")
    Duration retryBackoff();
}
