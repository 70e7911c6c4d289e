package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The explorer page (served at /): where its forms post facts. */
@ConfigMapping(prefix = "bilateral.explorer")
public interface ExplorerConfig {

    /** event-service as the browser reaches it (its CORS settings must allow this service's origin). */
    @WithDefault("http://localhost:8081")
    String eventServiceUrl();
}
