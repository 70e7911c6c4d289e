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

    /** Events whose facts are indexed per transaction. */
    @WithDefault("2000")
    int page();
}
