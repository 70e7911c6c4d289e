package io.bilateral.events.envelope;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a write landed in the log, as a reader can carry it to see its own write: for each
 * partition written, the offset of the last event. Text form {@code partition:offset} pairs
 * joined by commas, e.g. {@code 2:41} or {@code 0:12,2:41}; event-service hands it out, and
 * query-service waits until its projection has passed every pair.
 */
public record ConsistencyToken(Map<Integer, Long> offsets) {

    /** More pairs than partitions any deployment would have: a bound on what a request may ask. */
    public static final int MAX_PAIRS = 1000;

    public ConsistencyToken {
        offsets = Map.copyOf(offsets);
    }

    public static ConsistencyToken of(Collection<LogPosition> positions) {
        Map<Integer, Long> last = new TreeMap<>();
        positions.forEach(p -> last.merge(p.partition(), p.offset(), Math::max));
        return new ConsistencyToken(last);
    }

    /** Reads the text form; the message of the exception says what is wrong with it. */
    public static ConsistencyToken parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; expected partition:offset pairs such as 2:41 or 0:12,2:41");
        }
        String[] pairs = text.split(",", -1);
        if (pairs.length > MAX_PAIRS) {
            throw new IllegalArgumentException("has more than " + MAX_PAIRS + " partition:offset pairs");
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String pair : pairs) {
            String[] po = pair.trim().split(":", -1);
            try {
                if (po.length != 2) {
                    throw new NumberFormatException();
                }
                int partition = Integer.parseInt(po[0]);
                long offset = Long.parseLong(po[1]);
                if (partition < 0 || offset < 0) {
                    throw new NumberFormatException();
                }
                offsets.merge(partition, offset, Math::max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not partition:offset (two non-negative integers, such as 2:41)");
            }
        }
        return new ConsistencyToken(offsets);
    }

    /** True when, for every pair, the projection's next offset is past the token's offset. */
    public boolean passedBy(Map<Integer, Long> nextOffsets) {
        return offsets.entrySet().stream().allMatch(e -> nextOffsets.getOrDefault(e.getKey(), 0L) > e.getValue());
    }

    @Override
    public String toString() {
        return new TreeMap<>(offsets).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }
}
