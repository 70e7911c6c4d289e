package io.bilateral.query;

import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.readmodel.register.ActorResource;
import io.bilateral.query.readmodel.register.FactsOfTypes;
import io.bilateral.query.readmodel.register.ScoresResource;
import io.bilateral.query.readmodel.search.SearchIndexer;
import io.bilateral.query.readmodel.search.SearchResource;
import io.bilateral.query.readmodel.timeline.TimelineResource;
import io.bilateral.query.stream.CommittedEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hot query can be served by an index: with sequential scans priced out of the
 * planner's reach, its plan reads facts, dyads and events through indexes only. And no index
 * of facts or events is kept that none of them reads. (On a small table the
 * planner rightly prefers a scan; what this proves is that an index fits each query's shape.)
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class QueryPlansTest {

    static Stream<Arguments> hotQueries() {
        return Stream.of(
                Arguments.of("timeline page", TimelineResource.PAGE,
                        "('BEL-CHN', '{OfficialVisit}', DATE '2019-01-01', DATE '2019-12-31', false, DATE '2000-01-01', 1, 'x', 51, 'CHN', 'Verhofstadt', 'alice')"),
                Arguments.of("timeline first page", TimelineResource.PAGE,
                        "('BEL-CHN', NULL, NULL, NULL, false, NULL, NULL, NULL, 51, NULL, NULL, NULL)"),
                Arguments.of("summary: counts and balance", io.bilateral.query.readmodel.dyad.DyadGlance.COUNTS, "('BEL-CHN')"),
                Arguments.of("summary: latest of each kind", io.bilateral.query.readmodel.dyad.DyadGlance.LATEST, "('BEL-CHN')"),
                Arguments.of("register", FactsOfTypes.QUERY, "('BEL-CHN', '{OfficialVisit}', NULL)"),
                Arguments.of("scores", ScoresResource.SERIES, "('BEL-CHN', 'YYYY', true)"),
                Arguments.of("search", SearchResource.SEARCH, "('Brotchi', NULL, 20)"),
                Arguments.of("country view", ActorResource.DYADS, "('BEL')"),
                Arguments.of("people of a dyad", io.bilateral.query.readmodel.people.PeopleResource.PEOPLE, "('BEL-CHN', NULL)"),
                Arguments.of("people by name", io.bilateral.query.readmodel.people.PeopleResource.PEOPLE, "(NULL, 'Brotchi')"),
                Arguments.of("stream, every dyad", CommittedEvents.PAGE, "(0, 1000, NULL, NULL, NULL, 1000)"),
                Arguments.of("stream, one dyad", CommittedEvents.PAGE, "(0, 1000, '{BEL-CHN}', NULL, NULL, 1000)"),
                Arguments.of("stream tail, positions only", CommittedEvents.POSITIONS, "(0, 1000)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotQueries")
    void hotQuery_isServedByIndexes(String name, String sql, String arguments) throws Exception {
        String plan = plan(sql, arguments);
        assertThat(plan).as(name + " plan:\n" + plan)
                .doesNotContain("Seq Scan on facts").doesNotContain("Seq Scan on dyads").doesNotContain("Seq Scan on events");
    }

    /**
     * Indexes that serve a hot query only at a size this test's data does not reach, each with
     * the reason. The stream of one dyad reads {@code events_by_dyad_seq} once that dyad's events
     * are a small part of the log (a subscriber resuming far back); on a few hundred events the
     * planner rightly walks the stream's numbers instead.
     */
    private static final Set<String> SERVE_AT_SCALE = Set.of("events_by_dyad_seq");

    /**
     * The projection pays for every index of facts and events on each insert: each one left
     * either backs a constraint (a key, a uniqueness) or appears in a hot query's plan.
     */
    @Test
    void everyIndexOfFactsAndEvents_backsAConstraintOrServesAHotQuery() throws Exception {
        StringBuilder plans = new StringBuilder();
        for (Arguments query : hotQueries().toList()) {
            plans.append(plan((String) query.get()[1], (String) query.get()[2]));
        }
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)").matcher(plans);
        while (m.find()) {
            used.add(m.group(1));
        }
        List<String> unused = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT i.indexrelid::regclass::text AS name FROM pg_index i
                     WHERE i.indrelid IN ('facts'::regclass, 'events'::regclass)
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")) {
            while (rs.next()) {
                if (!used.contains(rs.getString("name")) && !SERVE_AT_SCALE.contains(rs.getString("name"))) {
                    unused.add(rs.getString("name"));
                }
            }
        }
        assertThat(used).as("indexes in the hot plans").isNotEmpty();
        assertThat(unused).as("indexes of facts and events in no hot plan (used: " + used + ")").isEmpty();
    }

    /**
     * The search index's round reads its page's facts by key in a generic plan too, with the
     * planner free to scan. A connection keeps a prepared statement's generic plan once it has
     * run it a few times, and a plan made while the tables were small (this test's, a new
     * database's) can outlive their growth: the round's join to its page was planned as a scan
     * of every fact, which a catch-up then paid in each round it served (BENCHMARKS.md, "Levers tried:
     * 2026-12-06, 19:16–20:00").
     */
    @Test
    void searchIndexRound_readsItsFactsByKey_inAGenericPlanMadeOnSmallTables() throws Exception {
        String plan = plan(SearchIndexer.INDEX, "(0, 2000)", "SET plan_cache_mode = force_generic_plan");
        assertThat(plan).as("search index round, generic plan:\n" + plan)
                .contains("Index Scan using facts_pkey on facts").doesNotContain("Seq Scan on facts");
    }

    /** The plan of the statement with these arguments, with sequential scans priced out of reach. */
    private static String plan(String sql, String arguments) throws Exception {
        return plan(sql, arguments, "SET enable_seqscan = off");
    }

    /** The plan of the statement with these arguments, prepared after this setting. */
    private static String plan(String sql, String arguments, String setting) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(setting);
            s.execute("PREPARE hot AS " + sql);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE hot" + arguments)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("DEALLOCATE hot");
            return plan.toString();
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestStackResource.stack().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }
}
