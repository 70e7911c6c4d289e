package io.bilateral.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bilateral.bench.Bench;
import io.bilateral.localstack.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness end to end at smoke size, against both packaged services on the
 * local stack, so that it cannot rot. Its figures are not checked (a token-sized run on a
 * shared CI machine measures nothing); what is checked is that every benchmark ran, measured,
 * and that the stream delivered every event to every subscriber.
 */
class BenchSmokeIT {

    static E2eStack stack;

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyBenchmarkRuns_andWritesItsFigures() throws Exception {
        stack = E2eStack.start("BenchSmokeIT");
        // As ./bilateral bench runs them: baselines on, and no per-client limits (the load is one principal, one address).
        Map<String, String> bench = Map.of("BILATERAL_BENCH_BASELINE", "true", "BILATERAL_PROJECTION_LAG_INTERVAL", "200ms",
                "BILATERAL_LIMITS_WRITES_PER_SECOND", "0", "BILATERAL_LIMITS_READS_PER_SECOND", "0",
                "BILATERAL_STREAM_MAX_SUBSCRIBERS_PER_CLIENT", "0");
        ServiceProcess events = stack.startEventService(bench);
        ServiceProcess queries = stack.startQueryService("query-service", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP, bench);
        byte[] demo = Files.readAllBytes(Path.of("..", "demo", "belgium-china.ndjson"));
        given().baseUri(events.url()).auth().oauth2(stack.editorToken()).contentType("application/x-ndjson").body(demo)
                .post("/events/batch").then().statusCode(202);
        Path out = Files.createTempDirectory("bench-smoke");

        Bench.execute("--events", events.url(), "--queries", queries.url(), "--token", stack.editorToken(),
                "--admin-token", stack.token("admin"), "--kafka", stack.kafkaServers(),
                "--event-pid", Long.toString(events.pid()), "--query-pid", Long.toString(queries.pid()),
                "--event-ready-ms", "1", "--query-ready-ms", "1", "--out", out.toString(), "--smoke");

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        TreeSet<String> benches = new TreeSet<>();
        List<String> unmeasured = new ArrayList<>();
        for (JsonNode f : results.path("figures")) {
            benches.add(f.path("bench").asText().split(" ")[0]);
            if (f.path("name").asText().startsWith("deliveries missing")) {
                assertThat(f.path("value").asDouble()).as("every event reached every subscriber").isZero();
            } else if (!(f.path("value").asDouble() > 0)) {
                unmeasured.add(f.path("bench").asText() + ": " + f.path("name").asText());
            }
        }
        assertThat(benches).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(unmeasured).as("figures that measured nothing").isEmpty();
        // The p99s at half a peak say how busy the CPU was in their window and, where the kernel
        // reports CPU pressure, how long some task waited for a CPU: what such a tail waits on.
        boolean pressure;
        try {
            pressure = Files.readString(Path.of("/proc/pressure/cpu")).contains("total=");
        } catch (java.io.IOException | RuntimeException e) {
            pressure = false;
        }
        List<String> halfPeakNotes = new ArrayList<>();
        for (JsonNode f : results.path("figures")) {
            if (f.path("name").asText().contains("p99 at half the peak")) {
                halfPeakNotes.add(f.path("note").asText());
            }
        }
        assertThat(halfPeakNotes).as("the POST's and both reads' p99 at half their peaks").hasSize(3)
                .allSatisfy(note -> assertThat(note).contains("CPU in the window: machine"));
        if (pressure) {
            assertThat(halfPeakNotes).allSatisfy(note -> assertThat(note).containsPattern("a task waiting for a CPU \\d+% of the time"));
        }
        assertThat(Files.readString(out.resolve("results.md"))).contains("| 8 stream |");

        // The long growth run, at a token size: two steps, each measured.
        Path growth = Files.createTempDirectory("bench-smoke-growth");
        Bench.execute("--events", events.url(), "--queries", queries.url(), "--token", stack.editorToken(),
                "--admin-token", stack.token("admin"), "--kafka", stack.kafkaServers(), "--out", growth.toString(),
                "--smoke", "--growth");
        List<String> steps = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(growth.resolve("results.json").toFile()).path("figures")) {
            assertThat(f.path("value").asDouble()).as(f.path("name").asText()).isPositive();
            steps.add(f.path("bench").asText() + ": " + f.path("name").asText());
        }
        assertThat(steps).hasSize(6).allMatch(step -> step.startsWith("7 growth (long)"));
    }
}
