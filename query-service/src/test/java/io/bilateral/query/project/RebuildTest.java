package io.bilateral.query.project;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.LocalPostgres;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.bilateral.query.Events.SOURCE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A rebuild replays the whole log into fresh tables while the current ones keep answering,
 * then swaps them in at once: a reader never sees an empty or half-built read model, and an
 * interrupted rebuild goes on from where it was. Tests replay 20 records per transaction.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class RebuildTest implements ReadyFirst {

    static String admin = LocalJwtTestResource.token("admin");
    /** Search over the dyad's facts: the rebuilt search index must answer as the live one did. */
    static final String SEARCH = "/search?q=Wikipedia&dyad=BEL-DNK&limit=5";
    static final List<String> READS = List.of("/dyads/BEL-DNK", "/dyads/BEL-NLD", "/dyads/BEL-NLD/timeline?limit=50",
            "/facts/bel-dnk-amended", SEARCH);

    @Inject
    Rebuild rebuild;

    @BeforeEach
    void aLogOf1000Events() {
        if (given().get("/dyads/BEL-DNK").statusCode() == 200) {
            return;
        }
        List<EventEnvelope> events = new ArrayList<>();
        events.add(Events.of("bel-dnk-amended", "{\"type\": \"DiplomaticRelationsEstablished\", \"dyad\": \"BEL-DNK\", \"occurred\": \"1830\", " + SOURCE + "}"));
        for (int i = 0; i < 999; i++) {
            events.add(Events.relationsEstablished(i % 2 == 0 ? "BEL-DNK" : "BEL-NLD", Integer.toString(1000 + i)));
        }
        events.add(Events.of("bel-dnk-amended", "{\"type\": \"FactAmended\", \"dyad\": \"BEL-DNK\", \"basedOnRevision\": 1, "
                + "\"changes\": {\"occurred\": \"1831\"}, \"reason\": \"the treaty\", " + SOURCE + "}"));
        List<LogPosition> at = LogWriter.publishAll(events);
        LogWriter.awaitProjected(at);
    }

    @Test
    void rebuild_underLiveQueries_neverAnswersEmptyOrPartial_andSwapsInTheSameReadModels() throws Exception {
        // The live numbering has gaps a replay does not have (numbers given to re-published
        // events, events parked and applied later): here, a thousand numbers never used.
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE stream_head SET last_seq = last_seq + 1000");
        }
        LogWriter.publishAndAwait(Events.relationsEstablished("BEL-NLD", "1950"));
        LogWriter.awaitSearchIndexed();
        given().get(SEARCH).then().statusCode(200).body("hits", org.hamcrest.Matchers.hasSize(5));
        Map<String, String> before = answers();
        List<String> positions = streamPositions();
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (String path : READS) {
                    Response r = given().get(path);
                    reads.incrementAndGet();
                    if (r.statusCode() != 200 || !r.asString().equals(before.get(path))) {
                        wrong.add(path + " -> " + r.statusCode() + " " + r.asString());
                    }
                }
            }
        }, "reader");
        reader.start();

        given().auth().oauth2(admin).post("/projection/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                given().get("/projection/rebuild").then().body("state", equalTo("DONE")));
        // At least one whole round of reads after the swap, too.
        int atSwap = reads.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() >= atSwap + 2 * READS.size());
        reading.set(false);
        reader.join();

        assertThat(wrong).isEmpty();
        assertThat(reads.get()).isGreaterThan(20);
        assertThat(answers()).isEqualTo(before);
        // A stream subscriber's position means the same event after the swap.
        assertThat(streamPositions()).isEqualTo(positions);
        given().get("/projection/rebuild").then().body("recordsReplayed", org.hamcrest.Matchers.greaterThanOrEqualTo(1001));
        assertThat(schemas()).doesNotContain("rebuild").noneMatch(s -> s.startsWith("retired_"));

        // The live projection goes on in the swapped-in tables.
        EventEnvelope after = Events.relationsEstablished("BEL-DNK", "2024");
        LogWriter.publishAndAwait(after);
        given().get("/facts/" + after.metadata().factId()).then().statusCode(200);
    }

    @Test
    void interruptedRebuild_resumesFromItsOwnOffsets_andFinishes() throws Exception {
        LogWriter.awaitSearchIndexed();
        given().get(SEARCH).then().statusCode(200).body("hits", org.hamcrest.Matchers.hasSize(5));
        Map<String, String> before = answers();
        rebuild.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> rebuild.status().recordsReplayed() >= 200);
        rebuild.stop();
        assertThat(rebuild.status().state()).isEqualTo(Rebuild.State.REPLAYING);
        long kept = storedInRebuildSchema();
        assertThat(kept).isGreaterThanOrEqualTo(200);
        // While a rebuild is under way an operator's retry would be undone by the swap: refused.
        given().auth().oauth2(admin).post("/projection/parked/BEL-DNK/retry").then().statusCode(409)
                .contentType("application/problem+json");

        rebuild.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> rebuild.status().state() == Rebuild.State.DONE);
        assertThat(rebuild.status().resumedFrom().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(kept);
        assertThat(answers()).isEqualTo(before);
    }

    /**
     * What a rebuild is for: read models that went wrong (here a row changed by hand, as a bug
     * would) are made again from the log. Reads go through prepared statements that every pooled
     * connection keeps; once the swap commits, they answer from the rebuilt tables, and no
     * answer rendered before it is served again.
     */
    @Test
    void rebuild_repairsADamagedReadModel_andCachedStatementsAnswerFromTheRebuiltTables() throws Exception {
        String fact = "/facts/bel-dnk-amended";
        String good = given().get(fact).then().statusCode(200).extract().path("occurred");
        // A dyad of this test alone, so that no answer of it was rendered before the damage.
        LogWriter.publishAndAwait(Events.relationsEstablished("BEL-EST", "1921"));
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE facts SET occurred = '1066' WHERE fact_id = 'bel-dnk-amended'");
            c.createStatement().executeUpdate("UPDATE fact_counts SET facts = facts + 1000 WHERE dyad = 'BEL-EST'");
        }
        // Every connection of the pool prepares and keeps the statement (20 connections, 64 reads).
        for (int i = 0; i < 64; i++) {
            given().get(fact).then().statusCode(200).body("occurred", equalTo("1066"));
        }
        // The dyad's summary is rendered with the damage and kept in memory (RenderedReads).
        for (int i = 0; i < 3; i++) {
            given().get("/dyads/BEL-EST").then().statusCode(200).body("factCount", equalTo(1001));
        }

        given().auth().oauth2(admin).post("/projection/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                given().get("/projection/rebuild").then().body("state", equalTo("DONE")));
        for (int i = 0; i < 64; i++) {
            given().get(fact).then().statusCode(200).body("occurred", equalTo(good));
        }
        // The swap's notification ends every kept answer: no new event of the dyad is needed.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/dyads/BEL-EST").then().statusCode(200).body("factCount", equalTo(1)));
    }

    private static Map<String, String> answers() {
        Map<String, String> answers = new java.util.HashMap<>();
        for (String path : READS) {
            answers.put(path, given().get(path).then().statusCode(200).extract().asString());
        }
        return answers;
    }

    /** Every event's stream position, as "position dyad event-id", in stream order. */
    private static List<String> streamPositions() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT seq || ' ' || dyad || ' ' || event_id FROM events ORDER BY seq")) {
            List<String> positions = new ArrayList<>();
            while (rs.next()) {
                positions.add(rs.getString(1));
            }
            return positions;
        }
    }

    private static List<String> schemas() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT nspname FROM pg_namespace")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static long storedInRebuildSchema() throws Exception {
        try (Connection c = connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(next_offset), 0) FROM rebuild.projection_offsets")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestStackResource.stack().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }
}
