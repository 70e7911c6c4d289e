package io.bilateral.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** event-service settings ({@code bilateral.*}; environment: {@code BILATERAL_*}). */
@ConfigMapping(prefix = "bilateral")
public interface IngestConfig {

    Publish publish();

    Topic topic();

    Limits limits();

    /**
     * Serve {@code POST /bench/noop}, the benchmarks' baseline: the same HTTP stack, token check
     * and body read as {@code POST /events}, without validating or publishing. Off (404) unless set.
     */
    @io.smallrye.config.WithName("bench.baseline")
    @WithDefault("false")
    boolean benchBaseline();

    /** Sizes past which a request is refused with 413 problem+json, before anything is published. */
    interface Limits {
        /** Largest body of {@code POST /events}. */
        @WithDefault("1M")
        MemorySize maxEventBytes();

        /** Largest body of {@code POST /events/batch}; it is streamed, never held whole in memory. */
        @WithDefault("256M")
        MemorySize maxBatchBytes();

        /**
         * How long a batch's body may take to arrive, all of it: past that it is answered 408 and
         * nothing of it is published (publishing has its own bound, {@code publish.batch-timeout}).
         */
        @WithDefault("5m")
        java.time.Duration maxBatchTime();

        /** Most events in one batch (one Kafka transaction). */
        @WithDefault("100000")
        int maxBatchEvents();

        /** How deep an event's JSON may nest (objects and arrays). */
        @WithDefault("32")
        int maxJsonDepth();

        /** The most characters of a number in an event. */
        @WithDefault("64")
        int maxNumberChars();

        /** The most characters of any one text of an event (a summary, a title, a name). */
        @WithDefault("65536")
        int maxStringChars();

        /**
         * The heap that writes being read, validated and encoded may hold at once, for all
         * clients together (an estimate from each event's JSON size). A write that finds none
         * free waits up to {@code in-flight-wait}, then is answered 503 with {@code Retry-After};
         * what a batch already holds is given back before it waits. Sized against the heap:
         * BENCHMARKS.md ("event-service under concurrent writes") gives the parts.
         */
        @WithDefault("16M")
        MemorySize inFlightMemory();

        /**
         * Batches read, validated and published at once; another waits up to
         * {@code in-flight-wait}, then is answered 503 with {@code Retry-After}. Each holds a
         * little on its own beside {@code in-flight-memory}: its spool's first megabyte, its
         * longest line, the eventIds it was given.
         */
        @WithDefault("4")
        int batchesAtOnce();

        /** How long a write waits for memory or a batch's turn before it is answered 503. */
        @WithDefault("5s")
        java.time.Duration inFlightWait();

        /** Writes (requests) a second per principal, sustained; 0 turns the limit off. */
        @WithDefault("100")
        double writesPerSecond();

        /** Writes a principal may send at once before the rate applies. */
        @WithDefault("200")
        int writeBurst();
    }

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

        /**
         * How long a batch's Kafka transaction may take, from its first record to its commit;
         * the broker aborts it past that ({@code transaction.timeout.ms}).
         */
        @WithDefault("2m")
        Duration batchTimeout();

        /**
         * The producer's {@code transactional.id} for batches. Must be unique per running
         * instance and stable across its restarts (a restart then fences and aborts what the
         * previous run left open, instead of blocking readers until the timeout).
         */
        @WithDefault("event-service-${HOSTNAME:local}")
        String transactionalId();

        /**
         * How many batches may commit at once, each on a transactional producer of its own
         * ({@code transactional.id} the one above, then {@code <id>-1}, {@code <id>-2}, …); the
         * rest wait for a free one. A commit mostly waits on the broker, so one producer capped
         * an instance at the batches one broker round trip after another allowed. Lowering it
         * across a restart leaves the higher ids' open transactions to the broker's timeout.
         */
        @WithDefault("4")
        int batchProducers();

        /** How long the producer waits to fill a batch; small, since a POST waits for its ack. */
        @WithDefault("1")
        int lingerMs();

        /**
         * The producers' {@code compression.type}: {@code none}, {@code lz4}, {@code zstd},
         * {@code snappy} or {@code gzip}. Compression costs the publishing thread CPU and saves
         * the broker's disk and network; BENCHMARKS.md records what each costs here.
         */
        @WithDefault("lz4")
        String compression();
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
