package io.bilateral.ingest.limit;

import io.bilateral.events.problem.LimitExceeded;
import io.bilateral.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What event-service lets writes hold at once, for all clients together: heap for the events
 * being read, validated and encoded ({@code bilateral.limits.in-flight-memory}), and turns for
 * batches ({@code batches-at-once}). A write takes what it needs before it holds it; one that
 * finds none free waits up to {@code in-flight-wait} and is then answered 503 with
 * {@code Retry-After}, having published nothing. Without this, four concurrent batches of
 * 100,000 events, one batch of large events or forty large single POSTs ran the service's
 * 96 MB heap out of memory (BENCHMARKS.md, "event-service under concurrent writes").
 *
 * <p>Memory is counted in KiB, as estimated from the JSON (see {@link #estimate}).
 */
@ApplicationScoped
public class InFlight {

    private final int capacityKib;
    private final Semaphore memoryKib;
    private final Semaphore batches;
    private final int batchesAtOnce;
    private final Duration wait;

    @Inject
    InFlight(IngestConfig config) {
        this(config.limits().inFlightMemory().asLongValue(), config.limits().batchesAtOnce(), config.limits().inFlightWait());
    }

    public InFlight(long memoryBytes, int batchesAtOnce, Duration wait) {
        if (batchesAtOnce < 1) {
            throw new IllegalArgumentException("bilateral.limits.batches-at-once must be at least 1, not " + batchesAtOnce);
        }
        this.capacityKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, memoryBytes >> 10));
        // Fair: a large event waiting is not passed over for ever by small ones.
        this.memoryKib = new Semaphore(capacityKib, true);
        this.batches = new Semaphore(batchesAtOnce, true);
        this.batchesAtOnce = batchesAtOnce;
        this.wait = wait;
    }

    /**
     * The heap an event is counted as taking while it is validated and encoded, from its JSON's
     * size: the parsed tree, the validated event (their texts shared) and the encoded record,
     * each about the JSON's size when an event is mostly long texts, and an allowance of 3 KB
     * for the objects a tree makes of an event's fields. An estimate, erring on the large side.
     */
    public static long estimate(long jsonBytes) {
        return 3 * jsonBytes + 3 * 1024;
    }

    /** Memory for one event of {@code jsonBytes}, taken as soon as it is free, waiting at most {@code in-flight-wait}. */
    public Held event(long jsonBytes) {
        int kib = kib(estimate(jsonBytes));
        take(kib);
        return new Held(memoryKib, kib);
    }

    /** {@link #event} without waiting, for a thread that must not wait: null when that memory is not free now. */
    public Held eventIfFree(long jsonBytes) {
        int kib = kib(estimate(jsonBytes));
        return tryTake(kib) ? new Held(memoryKib, kib) : null;
    }

    /** A batch's turn, waiting at most {@code in-flight-wait}. */
    public Held batch() {
        if (!acquired(batches, 1, wait)) {
            // A batch takes seconds: asking again each second would only read more bodies to refuse.
            throw LimitExceeded.full(Math.max(1, wait.toSeconds()), batchesAtOnce + " batches are being written already and none "
                    + "finished within " + wait + "; nothing of this batch was published");
        }
        return new Held(batches, 1);
    }

    /** KiB for {@code bytes}: at least one, and never more than all there is (so that any one event can go through alone). */
    public int kib(long bytes) {
        return (int) Math.min(capacityKib, Math.max(1, (bytes + 1023) >> 10));
    }

    /** Takes {@code kib} if free now, not passing anyone already waiting. */
    public boolean tryTake(int kib) {
        return acquired(memoryKib, kib, Duration.ZERO);
    }

    /** Takes {@code kib}, waiting at most {@code in-flight-wait}; past that, 503 with {@code Retry-After}. */
    public void take(int kib) {
        if (!acquired(memoryKib, kib, wait)) {
            throw LimitExceeded.full(1, "the writes in progress hold all the memory set aside for them "
                    + "(bilateral.limits.in-flight-memory) and did not free " + kib + " KiB within " + wait
                    + "; nothing of this request was published");
        }
    }

    /** Whether {@code permits} were taken within {@code within}; an interrupted wait takes none (and keeps the interrupt). */
    private static boolean acquired(Semaphore from, int permits, Duration within) {
        try {
            return from.tryAcquire(permits, within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void give(int kib) {
        if (kib > 0) {
            memoryKib.release(kib);
        }
    }

    /** KiB there are in all: {@code in-flight-memory}. */
    public int capacityKib() {
        return capacityKib;
    }

    /** KiB free now (the tests read it). */
    public int freeKib() {
        return memoryKib.availablePermits();
    }

    /** Something taken, given back once on {@link #close()}. */
    public static final class Held implements AutoCloseable {
        private final Semaphore from;
        private int permits;

        private Held(Semaphore from, int permits) {
            this.from = from;
            this.permits = permits;
        }

        @Override
        public synchronized void close() {
            if (permits > 0) {
                from.release(permits);
                permits = 0;
            }
        }
    }
}
