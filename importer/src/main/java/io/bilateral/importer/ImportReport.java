package io.bilateral.importer;

import io.bilateral.importer.gdelt.SkipReason;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an import did: rows read, facts recorded (new to the log), facts already known (recorded
 * by an earlier import: not posted), and rows skipped, by reason. Every row read is exactly one
 * of recorded, already known or skipped.
 */
public final class ImportReport {

    private long rowsRead;
    private long recorded;
    private long alreadyKnown;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final long startNanos = System.nanoTime();
    private Duration took;

    void read() {
        rowsRead++;
    }

    void skip(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void recorded(long facts) {
        recorded += facts;
    }

    void alreadyKnown(long facts) {
        alreadyKnown += facts;
    }

    void finish() {
        took = elapsed();
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long recorded() {
        return recorded;
    }

    public long alreadyKnown() {
        return alreadyKnown;
    }

    public long skipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    public Map<SkipReason, Long> skippedByReason() {
        return Collections.unmodifiableMap(skipped);
    }

    /** From the start to {@link #finish()} (or to now, while it runs). */
    public Duration took() {
        return took != null ? took : elapsed();
    }

    /** Rows read per second, over the whole import so far. */
    public double rowsPerSecond() {
        double seconds = took().toNanos() / 1e9;
        return seconds > 0 ? rowsRead / seconds : 0;
    }

    /** One line, as the import prints it after each chunk. */
    public String progress() {
        return String.format(Locale.ROOT, "%,d rows read: %,d recorded, %,d already known, %,d skipped (%,.0f rows/s)",
                rowsRead, recorded, alreadyKnown, skipped(), rowsPerSecond());
    }

    /** The final report: the totals, then each reason rows were skipped for, with its count. */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "done in %.1f s: %s", took().toMillis() / 1000.0, progress()));
        if (!skipped.isEmpty()) {
            s.append(System.lineSeparator()).append("skipped by reason:");
            skipped.forEach((reason, count) -> s.append(System.lineSeparator())
                    .append(String.format(Locale.ROOT, "  %,10d  %s (%s)", count, reason.label(), reason.name())));
        }
        return s.toString();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
