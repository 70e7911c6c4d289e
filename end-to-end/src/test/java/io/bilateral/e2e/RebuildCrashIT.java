package io.bilateral.e2e;

import io.bilateral.localstack.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A rebuild of the read models killed with SIGKILL halfway resumes when query-service starts
 * again: from the offsets it had committed in its own schema, not from the beginning, and it
 * ends by swapping in read models equal, row by row, to those it replaced.
 */
class RebuildCrashIT {

    static final long SEED = Long.getLong("bilateral.crash.seed", new Random().nextLong());
    /** Small replay transactions, so that the kill lands halfway through. */
    static final Map<String, String> SLOW_REPLAY = Map.of("BILATERAL_PROJECTION_REBUILD_MAX_POLL_RECORDS", "20");

    @Test
    void rebuildKilledHalfway_resumesFromItsOwnOffsetsOnRestart_andSwapsInTheSameReadModels() throws Exception {
        System.out.printf("RebuildCrashIT: seed %d%n", SEED);
        try (E2eStack stack = E2eStack.start("RebuildCrashIT")) {
            ServiceProcess events = stack.startEventService();
            ServiceProcess first = stack.startQueryService("query-1", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP, SLOW_REPLAY);
            FactLoad.generate(SEED, 3000, 50, 100).post(events.url(), stack.editorToken(), Duration.ofSeconds(5));
            LogReader.Contents log = LogReader.readAll(stack.kafkaServers());
            ReadModels.awaitCaughtUp("the projection", () -> stack.connect(LocalPostgres.DATABASE), log, Duration.ofSeconds(120));
            ReadModels.Snapshot before;
            try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
                before = ReadModels.snapshot(c);
            }
            String admin = stack.token("admin");

            given().baseUri(first.url()).auth().oauth2(admin).post("/projection/rebuild").then().statusCode(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() ->
                    given().baseUri(first.url()).get("/projection/rebuild").then().extract().<Integer>path("recordsReplayed") >= 600);
            first.kill();
            long kept = replayedSoFar(stack);
            long end = log.ends().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("RebuildCrashIT: killed with the replay committed up to %d of %d offsets%n", kept, end);
            assertThat(kept).isGreaterThanOrEqualTo(600).isLessThan(end);

            ServiceProcess second = stack.startQueryService("query-2", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP, SLOW_REPLAY);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().baseUri(second.url()).get("/projection/rebuild").then().body("state", equalTo("DONE")));
            long resumedFrom = given().baseUri(second.url()).get("/projection/rebuild").then().extract()
                    .jsonPath().getMap("resumedFrom", String.class, Long.class).values().stream().mapToLong(Long::longValue).sum();
            assertThat(resumedFrom).isEqualTo(kept);

            try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
                assertThat(ReadModels.differences("before the rebuild", before, "after it", ReadModels.snapshot(c))).isEmpty();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_namespace WHERE nspname = 'rebuild' OR nspname LIKE 'retired\\_%'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        }
    }

    /** The offsets the rebuild committed in its own schema: what survived the kill. */
    private static long replayedSoFar(E2eStack stack) throws Exception {
        try (Connection c = stack.connect(LocalPostgres.DATABASE);
             ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(next_offset), 0) FROM rebuild.projection_offsets")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
