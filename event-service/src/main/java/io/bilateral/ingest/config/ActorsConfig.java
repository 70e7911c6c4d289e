package io.bilateral.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Organisations the operator adds to the actors a fact may name, each {@code CODE=Name}
 * ({@code BILATERAL_ACTORS_ORGANISATIONS=OSCE=Organization for Security and Co-operation in Europe}).
 * event-service and query-service must be given the same list: an event that names an
 * organisation query-service does not know cannot be projected.
 */
@ConfigMapping(prefix = "bilateral.actors")
public interface ActorsConfig {

    Optional<List<String>> organisations();
}
