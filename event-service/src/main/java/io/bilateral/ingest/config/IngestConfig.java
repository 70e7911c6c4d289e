package io.bilateral.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** event-service settings ({@code bilateral.*}; environment: {@code BILATERAL_*}). */
@ConfigMapping(prefix = "bilateral")
public interface IngestConfig {

    Publish publish();

    Topic topic();

    interface Publish {
        /**
         * How long a POST waits for the broker's acknowledgement before it answers 503. The
         * producer's own timeouts (metadata, delivery) are derived from it, so no request hangs.
         */
        @WithDefault("5s")
        Duration timeout();

        /** The CloudEvents {@code source} attribute of every event this instance publishes. */
        @WithDefault("/bilateral/event-service")
        String source();

        /** How long the producer waits to fill a batch; small, since a POST waits for its ack. */
        @WithDefault("1")
        int lingerMs();
    }

    interface Topic {
        /** Partitions of the events topic when this service creates it; dyads spread over them. */
        @WithDefault("6")
        int partitions();

        /** Replication factor when created; -1 takes the broker's {@code default.replication.factor}. */
        @WithDefault("-1")
        short replicationFactor();

        /** Whether to create the events topic at start-up when it does not exist. */
        @WithDefault("true")
        boolean create();
    }
}
