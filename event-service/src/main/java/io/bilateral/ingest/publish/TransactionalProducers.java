package io.bilateral.ingest.publish;

import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The batch producers of one instance: a fixed number of slots, each with its own
 * {@code transactional.id}, so that that many batches commit at once. A transaction's commit
 * waits on round trips to the broker, not on this service's CPU; with one producer, batches
 * queued behind each other's commits (BENCHMARKS.md, "Levers tried: 2026-12-03, 16:22–17:05").
 *
 * <p>A slot's producer is made when a batch first needs it and replaced after a failure. The
 * first batch of a run opens every slot: opening a producer fences an earlier run's producer
 * of the same {@code transactional.id} and aborts what it left open, which would otherwise
 * hold read-committed consumers back until the broker's transaction timeout.
 */
final class TransactionalProducers implements AutoCloseable {

    /** A slot, held by one batch at a time. */
    static final class Slot {
        final String transactionalId;
        KafkaProducer<String, byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    private final Function<String, KafkaProducer<String, byte[]>> open;
    private final Semaphore free;
    private final Deque<Slot> idle = new ArrayDeque<>();
    private final int size;
    private boolean opened;
    private boolean closed;

    /**
     * @param baseId the first slot's {@code transactional.id}; slot {@code i > 0} has
     *               {@code baseId-i}. The first slot keeps the id of the single producer that
     *               came before, so that an upgrade still fences what it left open.
     * @param open   makes a producer for a {@code transactional.id} and initialises its transactions
     */
    TransactionalProducers(String baseId, int size, Function<String, KafkaProducer<String, byte[]>> open) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one batch producer is needed, not " + size);
        }
        this.open = open;
        this.size = size;
        this.free = new Semaphore(size, true);
        for (int i = 0; i < size; i++) {
            idle.add(new Slot(idOf(baseId, i)));
        }
    }

    private static String idOf(String baseId, int slot) {
        return slot == 0 ? baseId : baseId + "-" + slot;
    }

    /**
     * A slot with an initialised producer, waiting at most {@code wait} for one to be free.
     * Fails with {@link BrokerUnavailableException} when none frees in time or a producer
     * cannot be opened; the slot is free again then.
     */
    Slot take(Duration wait) {
        try {
            if (!free.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BrokerUnavailableException("all " + size + " batch producers stayed busy for " + wait, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for a batch producer", e);
        }
        Slot slot;
        synchronized (this) {
            slot = idle.poll();
        }
        try {
            openAll();
            if (slot.producer == null) {
                slot.producer = open.apply(slot.transactionalId);
            }
            return slot;
        } catch (RuntimeException e) {
            give(slot);
            throw new BrokerUnavailableException("the broker cannot be reached: " + e.getMessage(), e);
        }
    }

    /** On the first batch: every slot's producer, so that each fences its earlier run. */
    private void openAll() {
        synchronized (this) {
            if (opened) {
                return;
            }
            for (Slot s : idle) {
                if (s.producer == null) {
                    s.producer = open.apply(s.transactionalId);
                }
            }
            opened = true;
        }
    }

    /** The slot back, its producer usable for the next batch. */
    void give(Slot slot) {
        synchronized (this) {
            if (closed && slot.producer != null) {
                slot.producer.close(Duration.ofSeconds(5));
                slot.producer = null;
            }
            idle.push(slot);
        }
        free.release();
    }

    /** The slot back with its producer closed: the next batch on it opens a new one. */
    void discard(Slot slot) {
        if (slot.producer != null) {
            slot.producer.close(Duration.ZERO);
            slot.producer = null;
        }
        give(slot);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Slot s : idle) {
            if (s.producer != null) {
                s.producer.close(Duration.ofSeconds(5));
                s.producer = null;
            }
        }
    }
}
