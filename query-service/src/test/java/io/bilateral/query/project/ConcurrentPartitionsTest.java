package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll that holds many partitions is applied in concurrent transactions, one per partition,
 * and the stream's numbers are still what subscribers rely on: each event numbered once, no
 * number given twice, and each dyad's events numbered in their log order.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class ConcurrentPartitionsTest implements ReadyFirst {

    private static final List<String> STATES = List.of("AUT", "BRA", "CAN", "DNK", "EGY", "FIN", "GHA", "IND", "JPN", "KEN",
            "MEX", "NOR", "PER", "QAT", "SWE", "THA", "URY", "VNM", "AUS", "CHL", "ESP", "FRA", "GRC", "HUN", "IRL", "ITA",
            "LKA", "MAR", "NGA", "POL");

    @Inject
    ProjectionConsumer projection;

    @Test
    void aPollOverManyPartitions_numbersEachEventOnce_inItsDyadsLogOrder() throws SQLException {
        List<EventEnvelope> events = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (String state : STATES) {
                events.add(Events.relationsEstablished(state + "-ZMB", "1990"));
            }
        }
        // Paused while the log fills, so that the resumed projection polls every partition at once.
        assertTrue(projection.pause(Duration.ofSeconds(30)), "the projection pauses");
        List<LogPosition> at;
        try {
            at = LogWriter.publishAll(events);
        } finally {
            projection.resume();
        }
        LogWriter.awaitProjected(at);

        assertTrue(at.stream().map(LogPosition::partition).distinct().count() >= 2, "the events span several partitions");
        assertEquals(600, scalar("SELECT count(*) FROM events WHERE dyad LIKE '%-ZMB'"), "every event applied");
        assertEquals(600, scalar("SELECT count(DISTINCT seq) FROM events WHERE dyad LIKE '%-ZMB'"), "no number given twice");
        assertEquals(600, scalar("SELECT count(*) FROM facts WHERE dyad LIKE '%-ZMB'"), "every fact recorded once");
        assertEquals(0, scalar("""
                SELECT count(*) FROM (
                    SELECT seq, lag(seq) OVER (PARTITION BY dyad ORDER BY log_offset) AS before
                    FROM events WHERE dyad LIKE '%-ZMB') numbered
                WHERE before > seq"""), "each dyad's events numbered in log order");
        assertTrue(scalar("SELECT last_seq FROM stream_head") >= scalar("SELECT max(seq) FROM events"), "the head covers every number");
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
