package io.bilateral.query.stream;

import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.query.config.DatabaseOptions;
import io.bilateral.query.config.StreamConfig;
import io.bilateral.query.project.Projector;
import io.bilateral.query.readmodel.search.SearchIndexer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tail of the committed events, fanned out to this instance's live subscribers. One reader
 * for all of them: each commit of the projection (of any instance: PostgreSQL NOTIFY) wakes it,
 * it reads what was committed after its position, in stream order, and hands it to every live
 * subscription under the fan-out lock, which is also the lock a catching-up subscription takes
 * to go live. A slow subscriber costs the tail nothing: its own queue overflows.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    private static final int TAIL_PAGE = 1000;

    private final CommittedEvents events;
    private final StreamConfig config;
    private final DatabaseOptions database;
    private final Vertx vertx;
    private final DyadVersions versions;
    /** Follows the commits too, behind the tail: woken by it. */
    private final SearchIndexer search;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Who gets which of the tail's events; under the fan-out lock. */
    private final StreamRoutes<Subscription> routes = new StreamRoutes<>();
    /** Open streams per client address, for {@link #admit}. */
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Object fanOut = new Object();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean wokenWhileReading;
    /** Every event up to here was fanned out; -1 until the head was read at start-up. */
    private volatile long head = -1;
    private final MeterRegistry metrics;
    private final StreamTracing tracing;
    private final Gauge subscribers;
    private final Counter deliveries;
    private final Counter overflows;
    private PgSubscriber listener;
    private long pollTimer = -1;
    private long heartbeatTimer = -1;

    StreamHub(CommittedEvents events, StreamConfig config, DatabaseOptions database, Vertx vertx, DyadVersions versions,
              SearchIndexer search, MeterRegistry metrics, StreamTracing tracing) {
        this.search = search;
        this.tracing = tracing;
        // What an operator watches of the stream: how many listen, what reached them, who fell behind.
        this.metrics = metrics;
        this.subscribers = Gauge.builder("bilateral.stream.subscribers", subscriptions, Set::size).description("Open event streams")
                .register(metrics);
        this.deliveries = Counter.builder("bilateral.stream.deliveries").description("Events sent to subscribers (one per subscriber)")
                .register(metrics);
        this.overflows = Counter.builder("bilateral.stream.overflows").description("Subscribers ended because they fell too far behind")
                .register(metrics);
        this.events = events;
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.versions = versions;
    }

    void onStart(@Observes StartupEvent start) {
        listener = PgSubscriber.subscriber(vertx, database.connectOptions())
                // Reconnects for ever; the poll covers the time without notifications.
                .reconnectPolicy(attempts -> 1000L);
        listener.channel(Projector.COMMITTED_CHANNEL)
                // (Re)subscribed: commits may have gone unheard meanwhile.
                .subscribeHandler(v -> versions.newEpoch())
                .handler(payload -> {
                    if (Projector.REBUILT.equals(payload)) {
                        versions.newEpoch();
                    }
                    wake();
                });
        listener.connect().onFailure(e -> LOG.warnf("not listening for commits yet (%s); polling every %s", e.getMessage(), config.pollInterval()));
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        long beat = Math.max(100, config.heartbeat().toMillis() / 2);
        heartbeatTimer = vertx.setPeriodic(beat, id -> subscriptions.forEach(Subscription::heartbeat));
        wake();
    }

    void onStop(@Observes ShutdownEvent stop) {
        // The registry may outlive this bean (Quarkus restarts the application in tests): the
        // gauge would keep reading this hub's set.
        List.of(subscribers, deliveries, overflows).forEach(metrics::remove);
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(heartbeatTimer);
        if (listener != null) {
            listener.close();
        }
    }

    /** The position fanned out so far: everything up to it is committed; -1 before start-up finished. */
    long head() {
        return head;
    }

    void delivered(CommittedEvent e) {
        deliveries.increment();
        tracing.delivered(e);
    }

    void overflowed() {
        overflows.increment();
    }

    int subscribers() {
        return subscriptions.size();
    }

    /**
     * Whether one more stream may open for {@code client}; thrown out before the stream opens
     * (503 when the instance is full, 429 when this client has its share). Counted when the
     * stream starts, so streams opened at the very same moment may pass the cap by a few.
     */
    void admit(String client) {
        if (config.maxSubscribers() > 0 && subscriptions.size() >= config.maxSubscribers()) {
            throw LimitExceeded.full(config.retry().toSeconds() + 1,
                    "this instance streams to " + config.maxSubscribers() + " subscribers already");
        }
        if (config.maxSubscribersPerClient() > 0 && perClient.getOrDefault(client, 0) >= config.maxSubscribersPerClient()) {
            throw LimitExceeded.tooMany(config.retry().toSeconds() + 1,
                    "this address has " + config.maxSubscribersPerClient() + " streams open already");
        }
    }

    void add(Subscription s) {
        if (subscriptions.add(s)) {
            perClient.merge(s.client(), 1, Integer::sum);
            synchronized (fanOut) {
                routes.add(s, s.filter());
            }
        }
    }

    void remove(Subscription s) {
        if (subscriptions.remove(s)) {
            perClient.computeIfPresent(s.client(), (c, n) -> n > 1 ? n - 1 : null);
            synchronized (fanOut) {
                routes.remove(s);
            }
        }
    }

    /** Live from {@code upTo} on, if the tail is still there; false if it moved on meanwhile (read the history again). */
    boolean goLive(Subscription s, long upTo) {
        synchronized (fanOut) {
            if (head != upTo) {
                return false;
            }
            s.markLive();
            return true;
        }
    }

    void later(long millis, Runnable action) {
        vertx.setTimer(Math.max(1, millis), id -> action.run());
    }

    /** Reads on from the head; a wake-up during a read makes the read go round once more. */
    void wake() {
        if (!reading.compareAndSet(false, true)) {
            wokenWhileReading = true;
            return;
        }
        wokenWhileReading = false;
        if (head < 0) {
            events.head().subscribe().with(h -> {
                synchronized (fanOut) {
                    head = h;
                }
                versions.started();
                LOG.debugf("stream tail starts at position %d", h);
                readOn(true);
            }, this::failed);
            return;
        }
        read();
    }

    /**
     * The next page after the head. With no live subscriber on this instance, positions only
     * ({@link CommittedEvents#POSITIONS}): the versions need nothing more. A subscriber that went
     * live meanwhile went live at the head this page starts from: the page is read again, with
     * its events, before the head moves.
     */
    private void read() {
        if (!anyLive()) {
            events.positions(head, TAIL_PAGE).subscribe().with(page -> {
                boolean someoneListens;
                boolean moved;
                synchronized (fanOut) {
                    someoneListens = anyLive();
                    moved = !someoneListens && advance(page);
                }
                if (moved) {
                    search.wake();
                }
                readOn(someoneListens || page.size() == TAIL_PAGE);
            }, this::failed);
            return;
        }
        events.page(head, Long.MAX_VALUE, StreamFilter.ALL, TAIL_PAGE).subscribe().with(batch -> {
            boolean moved;
            synchronized (fanOut) {
                // Each subscription is handed only the events its filter wants (not live yet: it ignores them).
                routes.route(batch).forEach(Subscription::offer);
                moved = advance(batch.stream().map(CommittedEvent::position).toList());
            }
            if (moved) {
                search.wake();
            }
            readOn(batch.size() == TAIL_PAGE);
        }, this::failed);
    }

    /** Whether a subscription takes the tail's events (checked again under the fan-out lock before the head moves). */
    private boolean anyLive() {
        for (Subscription s : subscriptions) {
            if (s.live()) {
                return true;
            }
        }
        return false;
    }

    /** Under the fan-out lock: the page was fanned out. Whether the head moved. */
    private boolean advance(List<CommittedPosition> page) {
        if (page.isEmpty()) {
            return false;
        }
        versions.saw(page);
        head = page.get(page.size() - 1).seq();
        return true;
    }

    private void readOn(boolean more) {
        if (more || wokenWhileReading) {
            wokenWhileReading = false;
            read();
            return;
        }
        reading.set(false);
        // A wake-up between the last check and letting go must not be lost.
        if (wokenWhileReading) {
            wake();
        }
    }

    private void failed(Throwable e) {
        LOG.debugf("reading the stream's tail failed (%s); the next poll tries again", e.toString());
        reading.set(false);
    }
}
