package io.bilateral.query;

import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.readmodel.register.ActorResource;
import io.bilateral.query.readmodel.register.FactsOfTypes;
import io.bilateral.query.readmodel.register.ScoresResource;
import io.bilateral.query.readmodel.search.SearchResource;
import io.bilateral.query.readmodel.timeline.TimelineResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hot query can be served by an index: with sequential scans priced out of the
 * planner's reach, its plan reads facts and dyads through indexes only. (On a small table the
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
                Arguments.of("people by name", io.bilateral.query.readmodel.people.PeopleResource.PEOPLE, "(NULL, 'Brotchi')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotQueries")
    void hotQuery_isServedByIndexes(String name, String sql, String arguments) throws Exception {
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.execute("PREPARE hot AS " + sql);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE hot" + arguments)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("DEALLOCATE hot");
            assertThat(plan.toString()).as(name + " plan:\n" + plan).doesNotContain("Seq Scan on facts").doesNotContain("Seq Scan on dyads");
        }
    }
}
