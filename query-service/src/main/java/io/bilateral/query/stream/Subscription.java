package io.bilateral.query.stream;

import io.bilateral.events.problem.Problem;
import io.bilateral.query.config.StreamConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscriber's stream. It first catches up from PostgreSQL, a page at a time and only as
 * fast as the subscriber reads, up to the position the tail has fanned out; then, in one step
 * with the tail ({@link StreamHub#goLive}), it takes the tail's events after that position.
 * The seam is one position, so nothing is missed or sent twice.
 *
 * <p>Events wait in a bounded queue until the HTTP layer asks for the next one (it asks once
 * the previous write reached the socket). A live subscriber whose queue is full is sent an
 * {@code overflow} event with the position to resume from and disconnected: the tail never
 * waits for anyone, and memory per subscriber stays bounded.
 */
final class Subscription {

    private static final Logger LOG = Logger.getLogger(Subscription.class);

    /**
     * What waits in the queue: a committed event, the one instance every subscriber shares (its
     * SSE frame is made only as it goes out), or a frame of this stream's own (a comment, a
     * notice, the last frame). Each subscriber may have {@code buffer} events waiting: with a
     * frame made for each as it was queued (four objects an event a subscriber), 2,000
     * subscribers that stopped reading, at 100 events a second, ran query-service's 128 MB heap
     * out (docs/configuration.md).
     */
    sealed interface Outgoing permits CommittedEvent, Control {
    }

    /** A frame of this stream's own, not an event of the log. */
    record Control(OutboundSseEvent event) implements Outgoing {
    }

    private final StreamHub hub;
    private final CommittedEvents events;
    private final StreamConfig config;
    private final Sse sse;
    private final StreamFilter filter;
    private final StreamStart start;
    private final Runnable closeConnection;
    /** The subscriber's address, for the per-client cap. */
    private final String client;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final AtomicInteger draining = new AtomicInteger();

    private MultiEmitter<? super OutboundSseEvent> emitter;
    /** Every event up to here was queued or filtered out (once live: the last event the tail handed it). */
    private long cursor;
    /** The last position handed to the HTTP layer (or the start): where an interrupted subscriber resumes. */
    private long resumeFrom;
    private boolean live;
    /** A full catch-up page was read while the queue was half full: read on once it drains. */
    private boolean waitingForRoom;
    /** No more events: the queue holds at most a last frame before the stream ends. */
    private boolean ending;
    private boolean ended;
    private long lastSentNanos = System.nanoTime();

    Subscription(StreamHub hub, CommittedEvents events, StreamConfig config, Sse sse, StreamFilter filter, StreamStart start,
                 String client, Runnable closeConnection) {
        this.client = client;
        this.hub = hub;
        this.events = events;
        this.config = config;
        this.sse = sse;
        this.filter = filter;
        this.start = start;
        this.closeConnection = closeConnection;
    }

    String client() {
        return client;
    }

    StreamFilter filter() {
        return filter;
    }

    Multi<OutboundSseEvent> events() {
        return Multi.createFrom().emitter(emitter -> {
            this.emitter = emitter;
            emitter.onRequest(n -> drain());
            emitter.onTermination(this::terminated);
            synchronized (this) {
                queue.add(new Control(sse.newEventBuilder().reconnectDelay(config.retry().toMillis())
                        .comment("bilateral event stream").build()));
            }
            hub.add(this);
            begin();
        });
    }

    private void begin() {
        long head = hub.head();
        if (head < 0) {
            hub.later(200, this::begin);
            return;
        }
        switch (start.kind()) {
            case NOW -> resumeAt(head);
            case BEGINNING -> resumeAt(0);
            case AFTER -> {
                resumeAt(start.after());
                if (start.after() > 0) {
                    events.earliest().subscribe().with(earliest -> {
                        if (earliest != null && earliest > start.after() + 1) {
                            notice("position " + start.after() + " is before the earliest event kept (" + earliest
                                    + "); the stream starts from the earliest");
                        }
                        fetch();
                    }, this::unavailable);
                    return;
                }
            }
        }
        fetch();
    }

    private synchronized void resumeAt(long position) {
        cursor = position;
        resumeFrom = position;
    }

    /** Reads the next page of history, or goes live when there is none up to the tail's position. */
    private void fetch() {
        long upTo = hub.head();
        long after;
        synchronized (this) {
            if (ending) {
                return;
            }
            after = cursor;
        }
        if (after >= upTo) {
            // Nothing committed after our position yet (or a position past the end: wait for it).
            if (!hub.goLive(this, upTo)) {
                fetch();
            }
            drain();
            return;
        }
        events.page(after, upTo, filter, config.catchUpPage()).subscribe().with(page -> {
            boolean full = page.size() == config.catchUpPage();
            boolean more;
            synchronized (this) {
                if (ending) {
                    return;
                }
                queue.addAll(page);
                cursor = full ? page.get(page.size() - 1).seq() : Math.max(cursor, upTo);
                more = !full || queue.size() < config.buffer() / 2;
                waitingForRoom = !more;
            }
            if (more) {
                fetch();
            }
            drain();
        }, this::unavailable);
    }

    /** Called by the tail, under its fan-out lock, when it is at {@code upTo} too. */
    synchronized void markLive() {
        live = true;
    }

    /** Whether the tail hands it events (it went live and has not ended). */
    synchronized boolean live() {
        return live && !ending;
    }

    /**
     * The tail's new events that this subscription's filter wants (the tail routes them, see
     * {@link StreamRoutes}), under its fan-out lock; ignored until this subscription is live.
     */
    void offer(List<CommittedEvent> batch) {
        synchronized (this) {
            if (!live || ending) {
                return;
            }
            for (CommittedEvent e : batch) {
                if (e.seq() <= cursor) {
                    continue;
                }
                cursor = e.seq();
                if (queue.size() >= config.buffer()) {
                    overflow();
                    break;
                }
                queue.add(e);
            }
        }
        drain();
    }

    /** Sends a comment if nothing went out for a heartbeat interval. */
    void heartbeat() {
        synchronized (this) {
            if (ending || !queue.isEmpty() || System.nanoTime() - lastSentNanos < config.heartbeat().toNanos()) {
                return;
            }
            queue.add(new Control(sse.newEventBuilder().comment("keep-alive").build()));
        }
        drain();
    }

    /** Holds the lock. The queue's events are dropped: the subscriber reads them again after reconnecting. */
    private void overflow() {
        LOG.debugf("subscriber %s overflowed at position %d", filter, resumeFrom);
        hub.overflowed();
        end("overflow", Problem.type("stream-overflow"), "Subscriber too slow",
                "more than " + config.buffer() + " events were waiting for this subscriber; reconnect with Last-Event-ID to resume");
        hub.later(config.overflowGrace().toMillis(), () -> {
            synchronized (this) {
                if (ended) {
                    return;
                }
            }
            // It did not even take the overflow event: close the connection under it.
            closeConnection.run();
        });
    }

    private void unavailable(Throwable failure) {
        LOG.warnf("a subscriber's stream ends: %s", failure.toString());
        synchronized (this) {
            end("unavailable", Problem.type("stream-unavailable"), "Stream interrupted",
                    "the read models' database did not answer; reconnect with Last-Event-ID to resume");
        }
        drain();
    }

    /** Holds the lock. The last frame: a problem (RFC 9457 members) with the position to resume from. */
    private void end(String name, URI type, String title, String detail) {
        ending = true;
        queue.clear();
        String data = new JsonObject().put("type", type.toString()).put("title", title).put("detail", detail)
                .put("resumeFrom", Long.toString(resumeFrom)).encode();
        queue.add(new Control(sse.newEventBuilder().name(name).id(Long.toString(resumeFrom))
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build()));
    }

    private void notice(String detail) {
        synchronized (this) {
            queue.add(new Control(sse.newEventBuilder().name("notice").mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, new JsonObject().put("detail", detail).encode()).build()));
        }
    }

    private OutboundSseEvent frame(CommittedEvent e) {
        return sse.newEventBuilder().id(Long.toString(e.seq()))
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, e.cloudEvent()).build();
    }

    /**
     * Hands queued frames to the HTTP layer while it asks for them. One thread at a time
     * (whoever comes while another drains leaves it a note to look again).
     */
    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        do {
            while (true) {
                Outgoing next;
                boolean complete = false;
                boolean readOn = false;
                synchronized (this) {
                    if (ended || emitter == null) {
                        break;
                    }
                    if (queue.isEmpty() && ending) {
                        ended = true;
                        complete = true;
                        next = null;
                    } else if (queue.isEmpty() || emitter.requested() <= 0) {
                        break;
                    } else {
                        next = queue.poll();
                        if (next instanceof CommittedEvent event) {
                            resumeFrom = event.seq();
                        }
                        lastSentNanos = System.nanoTime();
                        if (waitingForRoom && queue.size() < config.buffer() / 2) {
                            waitingForRoom = false;
                            readOn = true;
                        }
                    }
                }
                if (complete) {
                    emitter.complete();
                    break;
                }
                if (next instanceof CommittedEvent event) {
                    emitter.emit(frame(event));
                    hub.delivered(event);
                } else if (next instanceof Control control) {
                    emitter.emit(control.event());
                }
                if (readOn) {
                    fetch();
                }
            }
        } while (draining.decrementAndGet() != 0);
    }

    private void terminated() {
        synchronized (this) {
            ended = true;
            ending = true;
            queue.clear();
        }
        hub.remove(this);
    }
}
