package io.bilateral.e2e;

import io.bilateral.events.envelope.Topics;
import org.awaitility.core.ConditionTimeoutException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * query-service's read models as rows, to tell whether two databases hold the same projection
 * of one log (say, one projected through crashes and a fold of the log by an instance that
 * never crashed), and whether a projection has caught up with the log.
 *
 * <p>Every table of schema {@code public} is a read model except Flyway's history and
 * {@code projection_offsets} (how far each partition got and when: bookkeeping, checked on its
 * own by {@link #awaitCaughtUp}). No column is left out: every time in the read models is an
 * event's {@code recordedAt}, stamped once by event-service and carried in the log
 * ({@code events.recorded_at}, {@code facts.recorded_at} / {@code updated_at} of the revision that
 * applied last, {@code dyads.first_/last_recorded_at}, {@code fact_revisions.recorded_at},
 * {@code fact_conflicts.recorded_at}), so two projections of one log must agree on them too.
 * The clocks of the projection itself are left out: {@code projection_offsets.updated_at} with
 * its table, and of {@code parked_events} (which events the projection could not apply, kept
 * in the comparison) when and how often it tried, and the stack trace: {@code parked_at},
 * {@code resolved_at}, {@code attempts}, {@code stack_trace}, which depend on when and how
 * often an instance failed, not on the log. A migration adding a column stamped at projection
 * time (say {@code now()}) would make these comparisons fail on that column: then list it in
 * {@link #NOT_COMPARED}.
 */
final class ReadModels {

    static final Set<String> NOT_READ_MODELS = Set.of("flyway_schema_history", "projection_offsets");
    /** {@code table.column} pairs that may differ between two projections of one log. */
    static final Set<String> NOT_COMPARED = Set.of(
            "parked_events.parked_at", "parked_events.resolved_at", "parked_events.attempts", "parked_events.stack_trace");
    /**
     * The stream's numbers, given in commit order: two projections of one log interleave the
     * partitions differently, so they number events differently; a rebuild renumbers to the
     * numbers it replaces, so it is compared with them ({@link #snapshot(Connection)}). The search
     * index's position is such a number too.
     */
    static final Set<String> COMMIT_ORDER = Set.of("events.seq", "stream_head.last_seq", "search_position.last_seq");
    private static final int SHOWN_PER_TABLE = 10;

    private ReadModels() {
    }

    /** Each read-model table's rows, every column as text, in the order of all its columns. */
    record Snapshot(Map<String, List<String>> columns, Map<String, List<List<String>>> rows) {

        int count(String table) {
            return rows.getOrDefault(table, List.of()).size();
        }

        Map<String, Integer> counts() {
            Map<String, Integer> counts = new TreeMap<>();
            rows.forEach((table, r) -> counts.put(table, r.size()));
            return counts;
        }
    }

    static Snapshot snapshot(Connection c) throws SQLException {
        return snapshot(c, Set.of());
    }

    /** As {@link #snapshot(Connection)}, leaving out what depends on the commit order: to compare with a fold. */
    static Snapshot foldable(Connection c) throws SQLException {
        return snapshot(c, COMMIT_ORDER);
    }

    private static Snapshot snapshot(Connection c, Set<String> leftOut) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT c.table_name, c.column_name FROM information_schema.columns c
                     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                     ORDER BY c.table_name, c.ordinal_position""")) {
            while (r.next()) {
                String table = r.getString(1);
                String column = r.getString(2);
                if (!NOT_READ_MODELS.contains(table) && !NOT_COMPARED.contains(table + "." + column)
                        && !leftOut.contains(table + "." + column)) {
                    columns.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                }
            }
        }
        Map<String, List<List<String>>> rows = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            List<String> cols = table.getValue();
            StringBuilder select = new StringBuilder("SELECT ");
            StringBuilder order = new StringBuilder(" ORDER BY ");
            for (int i = 0; i < cols.size(); i++) {
                String text = "\"" + cols.get(i) + "\"::text";
                select.append(i == 0 ? "" : ", ").append(text);
                order.append(i == 0 ? "" : ", ").append(text).append(" COLLATE \"C\"");
            }
            select.append(" FROM \"").append(table.getKey()).append('"').append(order);
            List<List<String>> tableRows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select.toString())) {
                while (r.next()) {
                    List<String> row = new ArrayList<>(cols.size());
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(r.getString(i));
                    }
                    tableRows.add(row);
                }
            }
            rows.put(table.getKey(), tableRows);
        }
        return new Snapshot(columns, rows);
    }

    /**
     * What differs, row by row, as readable lines; empty when both hold the same rows (the same
     * number of times each: a row doubled on one side is a difference).
     */
    static List<String> differences(String expectedName, Snapshot expected, String actualName, Snapshot actual) {
        List<String> out = new ArrayList<>();
        Set<String> tables = new TreeSet<>(expected.columns().keySet());
        tables.addAll(actual.columns().keySet());
        for (String table : tables) {
            List<String> cols = expected.columns().get(table);
            if (cols == null || !actual.columns().containsKey(table)) {
                out.add(table + ": only in " + (cols == null ? actualName : expectedName));
                continue;
            }
            if (!cols.equals(actual.columns().get(table))) {
                out.add(table + ": columns " + cols + " in " + expectedName + ", " + actual.columns().get(table) + " in " + actualName);
                continue;
            }
            Map<List<String>, Integer> counts = new HashMap<>();
            expected.rows().get(table).forEach(row -> counts.merge(row, 1, Integer::sum));
            actual.rows().get(table).forEach(row -> counts.merge(row, -1, Integer::sum));
            List<String> rowDiffs = new ArrayList<>();
            for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
                if (e.getValue() != 0) {
                    int inExpected = count(expected.rows().get(table), e.getKey());
                    rowDiffs.add(table + ": " + inExpected + " in " + expectedName + ", " + (inExpected - e.getValue())
                            + " in " + actualName + ": " + render(cols, e.getKey()));
                }
            }
            if (!rowDiffs.isEmpty()) {
                rowDiffs.sort(null);
                out.add(table + ": " + expected.count(table) + " rows in " + expectedName + ", " + actual.count(table)
                        + " in " + actualName + "; " + rowDiffs.size() + " distinct rows differ, such as:");
            }
            out.addAll(rowDiffs.subList(0, Math.min(SHOWN_PER_TABLE, rowDiffs.size())));
        }
        return out;
    }

    private static int count(List<List<String>> rows, List<String> row) {
        return (int) rows.stream().filter(row::equals).count();
    }

    private static String render(List<String> cols, List<String> row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            String value = row.get(i);
            if (value != null && value.length() > 160) {
                value = value.substring(0, 160) + "…";
            }
            s.append(i == 0 ? "" : ", ").append(cols.get(i)).append('=').append(value);
        }
        return s.toString();
    }

    /** The next offset stored per partition of the events topic. */
    static Map<Integer, Long> storedOffsets(Connection c) throws SQLException {
        Map<Integer, Long> offsets = new TreeMap<>();
        try (var s = c.prepareStatement("SELECT partition, next_offset FROM projection_offsets WHERE topic = ?")) {
            s.setString(1, Topics.EVENTS);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    offsets.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return offsets;
    }

    /**
     * Waits until the stored offsets say every record of the log is applied, and the search
     * index has covered it: for each
     * partition, at least the offset after its last record and at most its end (see
     * {@link LogReader.Contents}). A stored offset past the end fails at once: the projection
     * claims records that are not there.
     */
    static void awaitCaughtUp(String name, Callable<Connection> database, LogReader.Contents log, Duration limit) {
        AtomicReference<Map<Integer, Long>> stored = new AtomicReference<>(Map.of());
        try {
            await(name + " caught up").atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> {
                try (Connection c = database.call()) {
                    stored.set(storedOffsets(c));
                }
                for (Map.Entry<Integer, Long> s : stored.get().entrySet()) {
                    if (s.getValue() > log.ends().getOrDefault(s.getKey(), 0L)) {
                        throw new AssertionError(name + " stored offsets " + stored.get() + " past the log's end " + log.ends());
                    }
                }
                if (!log.nextOffsets().entrySet().stream().allMatch(e -> stored.get().getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    return false;
                }
                // Full-text search follows the read models by its own lag (SearchIndexer): it too.
                try (Connection c = database.call(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT s.last_seq >= h.last_seq FROM search_position s, stream_head h")) {
                    return r.next() && r.getBoolean(1);
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " (or its search index) did not catch up within " + limit + ": stored offsets " + stored.get()
                    + ", the log's last records end at " + log.nextOffsets() + " (ends " + log.ends() + ")", e);
        }
    }

    /**
     * The check both crash tests end with, once the log is complete: {@code projected} and
     * {@code fold} have both applied exactly the whole log, hold the same read models row by
     * row, and their {@code events} tables hold each event id of the log once. Returns the
     * fold's snapshot for further checks.
     */
    static Snapshot assertProjectedEqualsFold(Callable<Connection> projected, Callable<Connection> fold,
                                             LogReader.Contents log, Duration catchUpLimit) throws Exception {
        awaitCaughtUp("the fold", fold, log, catchUpLimit);
        awaitCaughtUp("the projection under test", projected, log, catchUpLimit);
        Snapshot expected;
        Snapshot actual;
        try (Connection f = fold.call(); Connection p = projected.call()) {
            expected = foldable(f);
            actual = foldable(p);
            assertEventIdsAreTheLogs("the fold", f, log);
            assertEventIdsAreTheLogs("the projection under test", p, log);
        }
        List<String> differences = differences("the fold", expected, "the projection under test", actual);
        if (!differences.isEmpty()) {
            throw new AssertionError("the read models differ from a fold of the log:\n  " + String.join("\n  ", differences));
        }
        return expected;
    }

    /** One row per distinct event id of the log, and no other: nothing lost, nothing applied twice. */
    static void assertEventIdsAreTheLogs(String name, Connection c, LogReader.Contents log) throws SQLException {
        Set<String> stored = new TreeSet<>();
        long rows = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT event_id::text FROM events")) {
            while (r.next()) {
                stored.add(r.getString(1));
                rows++;
            }
        }
        Set<String> missing = new TreeSet<>(log.eventIds());
        missing.removeAll(stored);
        Set<String> extra = new TreeSet<>(stored);
        extra.removeAll(log.eventIds());
        if (rows != log.eventIds().size() || !missing.isEmpty() || !extra.isEmpty()) {
            throw new AssertionError(name + ": events holds " + rows + " rows, the log " + log.eventIds().size()
                    + " distinct event ids (" + log.records() + " records); missing " + first(missing) + ", not in the log " + first(extra));
        }
    }

    private static String first(Set<String> ids) {
        return ids.size() <= 5 ? ids.toString() : ids.stream().limit(5).toList() + " and " + (ids.size() - 5) + " more";
    }
}
