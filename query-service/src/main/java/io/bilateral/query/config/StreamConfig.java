package io.bilateral.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The event stream, {@code GET /events/stream} ({@code bilateral.stream.*}; env {@code BILATERAL_STREAM_*}). */
@ConfigMapping(prefix = "bilateral.stream")
public interface StreamConfig {

    /**
     * A comment line goes to a subscriber that got nothing for this long, so that proxies and
     * load balancers do not close an idle connection (many do after 30 to 60 s).
     */
    @WithDefault("15s")
    Duration heartbeat();

    /** The {@code retry:} advice sent on connect: how long an EventSource waits before reconnecting. */
    @WithDefault("3s")
    Duration retry();

    /**
     * Events one subscriber may have waiting to be written. A live subscriber further behind
     * is sent an {@code overflow} event with its resume position and disconnected, so that it
     * never holds memory or the fan-out back; it reconnects and catches up from the database.
     */
    @WithDefault("1000")
    int buffer();

    /** Events read from PostgreSQL per query while a subscriber catches up. */
    @WithDefault("500")
    int catchUpPage();

    /**
     * How often the tail looks for committed events without being notified. Commits notify
     * (PostgreSQL LISTEN/NOTIFY), so this only bounds the delay when a notification is lost,
     * e.g. while the listening connection reconnects.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long an overflowed subscriber has to take its overflow event before the connection is closed. */
    @WithDefault("5s")
    Duration overflowGrace();

    /**
     * Streams open at once on this instance, for everyone. Past it a new subscriber is answered
     * 503 with {@code Retry-After} before its stream opens; 0 turns the cap off. Sized for the
     * 128 MB heap {@code ./bilateral run} gives: an open stream holds about 12 KB of heap while
     * nothing flows, and 8,000 of them ran that heap out (docs/configuration.md). Raise it with the
     * heap, and {@code quarkus.http.limits.max-connections} with it.
     */
    @WithDefault("2000")
    int maxSubscribers();

    /**
     * Streams open at once from one client address. Past it a new one is answered 429 with
     * {@code Retry-After} before it opens; those already open carry on. 0 turns the cap off.
     */
    @WithDefault("200")
    int maxSubscribersPerClient();
}
