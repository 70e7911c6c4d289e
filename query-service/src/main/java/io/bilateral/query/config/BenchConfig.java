package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for the benchmarks ({@code bilateral.bench.*}). */
@ConfigMapping(prefix = "bilateral.bench")
public interface BenchConfig {

    /** Serve {@code GET /bench/noop}, the baseline of the read benchmarks. Off (404) unless set. */
    @WithDefault("false")
    boolean baseline();
}
