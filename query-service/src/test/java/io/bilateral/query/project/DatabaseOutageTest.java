package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * PostgreSQL stops for 30 s while events keep arriving: the projection waits (backing off,
 * not spinning), readiness says why, nothing is parked for it, and once the database is
 * back every event is applied exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest implements ReadyFirst {

    private static final Pattern FAILURES = Pattern.compile("(?m)^bilateral_projection_failures_total(?:\\{[^}]*})? ([0-9.E]+)$");

    @Test
    void databaseDownFor30s_duringALoad_projectionWaitsWithoutSpinning_saysWhy_andCatchesUpWithNothingLostOrDoubled() throws Exception {
        List<String> published = new ArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicReference<Throwable> loadFailed = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                for (int i = 0; loading.get(); i++) {
                    EventEnvelope e = Events.relationsEstablished(i % 2 == 0 ? "BEL-IRL" : "BEL-AUT", Integer.toString(1000 + i));
                    LogWriter.publishAll(List.of(e));
                    synchronized (published) {
                        published.add(e.metadata().eventId().toString());
                    }
                    Thread.sleep(100);
                }
            } catch (Throwable t) {
                loadFailed.set(t);
            }
        }, "load");
        load.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedOf(snapshot(published)) > 5);

        double failuresBefore = failures();
        TestStackResource.stack().withPostgresDown(() -> {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503).body(containsString("\"projection\""))
                            .body(containsString("Connection refused")));
            // Reads are told to come back, never a 500: the summary (Hibernate Reactive and the
            // pool), the timeline and the country view (the pool).
            for (String read : List.of("/dyads/BEL-IRL", "/dyads/BEL-IRL/timeline", "/actors/BEL/dyads")) {
                given().get(read).then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                        .body("type", containsString("read-models-unavailable"));
            }
            sleep(Duration.ofSeconds(30));
            // Backoff doubles from 100 ms to 1 s in tests: about 35 attempts in 30 s; a loop
            // that spins would make thousands.
            assertThat(failures() - failuresBefore).isBetween(5.0, 80.0);
        });

        // The load goes on for a few events after the database is back, then stops.
        int atRecovery = snapshot(published).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot(published).size() >= atRecovery + 5);
        loading.set(false);
        load.join();
        assertThat(loadFailed.get()).isNull();
        List<String> all = snapshot(published);
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedOf(all) == all.size());
        assertThat(duplicatesOf(all)).isZero();
        // Readiness follows the lag, measured every 200 ms in tests.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/projection/status").then().body("parkedEvents", org.hamcrest.Matchers.equalTo(0));
        });
    }

    private static List<String> snapshot(List<String> published) {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    private static double failures() {
        Matcher m = FAILURES.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** How many of these events the read models hold (by event id). */
    private static long appliedOf(List<String> eventIds) throws Exception {
        return count("SELECT count(DISTINCT event_id) FROM events WHERE event_id::text = ANY(?)", eventIds);
    }

    /** Fact rows beyond one per event: a doubled application would show here. */
    private static long duplicatesOf(List<String> eventIds) throws Exception {
        return count("""
                SELECT count(*) - count(DISTINCT f.fact_id) FROM facts f JOIN events e ON e.fact_id = f.fact_id
                WHERE e.event_id::text = ANY(?)""", eventIds);
    }

    private static long count(String sql, List<String> eventIds) throws Exception {
        try (Connection c = DriverManager.getConnection(TestStackResource.stack().jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("text", new HashSet<>(eventIds).toArray()));
            ResultSet rs = q.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
