package io.bilateral.events.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date known only as precisely as the sources say: an EDTF (ISO 8601-2) string such as
 * {@code 1971-10-25}, {@code 1991-04}, {@code 2019}, {@code 2019~} (approximate),
 * {@code 2024-04?} (uncertain), {@code 2019%} (both), or an interval {@code 1950/1953}
 * whose ends may be open ({@code 1985/..}) or unknown ({@code /1985}).
 *
 * <p>The original string is what is stored; {@link #precision()}, {@link #earliest()} and
 * {@link #latest()} are derived from it, so that read models can sort and filter without
 * ever inventing a day. Hand-written and fully tested: the one EDTF library for Java on
 * Maven Central ({@code io.github.openhistoricalmap:edtf}, a 0.x port of edtf.js first
 * published in 2026) is too young to pin the log of record on, and the subset needed is
 * small: EDTF level 0 plus the level-1 qualifiers and open/unknown interval ends, years
 * 0000–9999.
 */
public final class PartialDate implements Comparable<PartialDate> {

    private static final Pattern SINGLE =
            Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?([?~%])?");

    private final String edtf;
    private final Precision precision;
    private final LocalDate earliest;
    private final LocalDate latest;
    private final boolean approximate;
    private final boolean uncertain;
    private final boolean interval;

    private PartialDate(String edtf, Precision precision, LocalDate earliest, LocalDate latest,
                        boolean approximate, boolean uncertain, boolean interval) {
        this.edtf = edtf;
        this.precision = precision;
        this.earliest = earliest;
        this.latest = latest;
        this.approximate = approximate;
        this.uncertain = uncertain;
        this.interval = interval;
    }

    /** Parses an EDTF string; throws {@link InvalidPartialDateException} saying why not. */
    @JsonCreator
    public static PartialDate parse(String edtf) {
        if (edtf == null || edtf.isBlank()) {
            throw new InvalidPartialDateException("must be an EDTF date such as 1971-10-25, 1991-04, 2019 or 1950/1953");
        }
        int slash = edtf.indexOf('/');
        if (slash < 0) {
            return single(edtf);
        }
        if (edtf.indexOf('/', slash + 1) >= 0) {
            throw new InvalidPartialDateException("'" + edtf + "' has more than one '/'");
        }
        String from = edtf.substring(0, slash);
        String to = edtf.substring(slash + 1);
        PartialDate start = openEnd(from) ? null : single(from);
        PartialDate end = openEnd(to) ? null : single(to);
        if (start == null && end == null) {
            throw new InvalidPartialDateException("'" + edtf + "' is an interval with neither end known");
        }
        if (start != null && end != null && start.earliest.isAfter(end.latest)) {
            throw new InvalidPartialDateException("'" + edtf + "' ends before it starts");
        }
        Precision precision = start == null ? end.precision
                : end == null ? start.precision : start.precision.coarser(end.precision);
        return new PartialDate(edtf, precision,
                start == null ? null : start.earliest,
                end == null ? null : end.latest,
                (start != null && start.approximate) || (end != null && end.approximate),
                (start != null && start.uncertain) || (end != null && end.uncertain),
                true);
    }

    /** Whether a string parses, without the exception. */
    public static boolean isValid(String edtf) {
        try {
            parse(edtf);
            return true;
        } catch (InvalidPartialDateException e) {
            return false;
        }
    }

    private static boolean openEnd(String end) {
        // EDTF level 1: ".." is an open end, an empty string an unknown one.
        return end.isEmpty() || end.equals("..");
    }

    private static PartialDate single(String s) {
        Matcher m = SINGLE.matcher(s);
        if (!m.matches()) {
            throw new InvalidPartialDateException("'" + s + "' is not an EDTF date (YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %)");
        }
        int year = Integer.parseInt(m.group(1));
        String qualifier = m.group(4);
        boolean approximate = "~".equals(qualifier) || "%".equals(qualifier);
        boolean uncertain = "?".equals(qualifier) || "%".equals(qualifier);
        try {
            if (m.group(2) == null) {
                return new PartialDate(s, Precision.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31),
                        approximate, uncertain, false);
            }
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw new InvalidPartialDateException("'" + s + "' has month " + m.group(2) + "; months run from 01 to 12");
            }
            YearMonth ym = YearMonth.of(year, month);
            if (m.group(3) == null) {
                return new PartialDate(s, Precision.MONTH, ym.atDay(1), ym.atEndOfMonth(), approximate, uncertain, false);
            }
            LocalDate day = LocalDate.of(year, month, Integer.parseInt(m.group(3)));
            return new PartialDate(s, Precision.DAY, day, day, approximate, uncertain, false);
        } catch (DateTimeException e) {
            throw new InvalidPartialDateException("'" + s + "' is not a day of the calendar");
        }
    }

    @JsonValue
    public String edtf() {
        return edtf;
    }

    public Precision precision() {
        return precision;
    }

    /** The first day it may denote; null only for an interval with an open or unknown start. */
    public LocalDate earliest() {
        return earliest;
    }

    /** The last day it may denote; null only for an interval with an open or unknown end. */
    public LocalDate latest() {
        return latest;
    }

    public boolean approximate() {
        return approximate;
    }

    public boolean uncertain() {
        return uncertain;
    }

    public boolean interval() {
        return interval;
    }

    /** Whether the days it may denote overlap [from, to] (either bound may be null: open). */
    public boolean overlaps(LocalDate from, LocalDate to) {
        boolean startsBeforeEnd = to == null || earliest == null || !earliest.isAfter(to);
        boolean endsAfterStart = from == null || latest == null || !latest.isBefore(from);
        return startsBeforeEnd && endsAfterStart;
    }

    /** Timeline order: earliest day first (open starts first), then finer precision first. */
    @Override
    public int compareTo(PartialDate o) {
        int byEarliest = earliest == null
                ? (o.earliest == null ? 0 : -1)
                : (o.earliest == null ? 1 : earliest.compareTo(o.earliest));
        if (byEarliest != 0) {
            return byEarliest;
        }
        int byPrecision = precision.compareTo(o.precision);
        return byPrecision != 0 ? byPrecision : edtf.compareTo(o.edtf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartialDate other && edtf.equals(other.edtf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(edtf);
    }

    @Override
    public String toString() {
        return edtf;
    }
}
