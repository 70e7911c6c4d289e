package io.bilateral.ingest.validate;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The eventIds a batch's client gave, each with the index of the event that first had it:
 * an open-addressing table over the ids' two halves, about 30 bytes an id where a
 * {@code HashMap<UUID, Integer>} took about 95, so that a batch of 100,000 given ids holds
 * 3 MB rather than 9. The hash is salted per table: ids are the client's to choose, and ids
 * made to collide must not make a batch quadratic.
 */
final class EventIds {

    private final long salt = ThreadLocalRandom.current().nextLong();
    /** The ids in the order they came, two longs each. */
    private long[] halves = new long[32];
    private int[] indexes = new int[16];
    private int size;
    /** Slot → position in {@link #indexes} plus one; 0 is empty. At most half full. */
    private int[] slots = new int[32];

    /** The index of the event that first had {@code id}, or -1 when none did: then {@code index} is recorded as its first. */
    int putIfAbsent(UUID id, int index) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        int mask = slots.length - 1;
        int slot = hash(hi, lo) & mask;
        for (int at; (at = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int p = at - 1;
            if (halves[2 * p] == hi && halves[2 * p + 1] == lo) {
                return indexes[p];
            }
        }
        if (size == indexes.length) {
            indexes = Arrays.copyOf(indexes, size * 2);
            halves = Arrays.copyOf(halves, size * 4);
        }
        halves[2 * size] = hi;
        halves[2 * size + 1] = lo;
        indexes[size] = index;
        size++;
        slots[slot] = size;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return -1;
    }

    int size() {
        return size;
    }

    private void rehash(int capacity) {
        int[] next = new int[capacity];
        int mask = capacity - 1;
        for (int p = 0; p < size; p++) {
            int slot = hash(halves[2 * p], halves[2 * p + 1]) & mask;
            while (next[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            next[slot] = p + 1;
        }
        slots = next;
    }

    private int hash(long hi, long lo) {
        long h = mix(hi ^ salt) + 31 * mix(lo + salt);
        return (int) (h ^ (h >>> 32));
    }

    /** MurmurHash3's 64-bit finaliser: every bit of the input moves every bit of the output. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
