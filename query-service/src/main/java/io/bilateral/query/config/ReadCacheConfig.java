package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The cache of rendered dyad reads ({@code bilateral.read-cache.*}; env
 * {@code BILATERAL_READ_CACHE_*}); see {@code RenderedReads}.
 */
@ConfigMapping(prefix = "bilateral.read-cache")
public interface ReadCacheConfig {

    /** Off: every read goes to PostgreSQL (the benchmark's A/B, or to rule the cache out). */
    @WithDefault("true")
    boolean enabled();

    /** Most bytes of rendered answers kept; the least used go first. */
    @WithDefault("16777216")
    long maxBytes();
}
