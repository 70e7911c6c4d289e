package io.bilateral.e2e;

import io.bilateral.events.event.Interaction;
import io.bilateral.importer.GdeltImport;
import io.bilateral.importer.ImportedFact;
import io.bilateral.importer.gdelt.GdeltRowConverter;
import io.bilateral.importer.ImportReport;
import io.bilateral.importer.gdelt.SkipReason;
import io.bilateral.localstack.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A GDELT export of 100,000 rows through the importer into both packaged services: every
 * state-to-state row becomes one Interaction fact, every other row is counted under its
 * reason, and importing the file again records nothing at all: no fact, no record in the log,
 * no row in {@code events}.
 */
class GdeltImportIT {

    static final int ROWS = 100_000;
    /** The projection applies 3,000–4,000 events/s on two cores (BENCHMARKS.md); generous beyond that. */
    static final Duration CATCH_UP = Duration.ofSeconds(300);

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;

    @BeforeAll
    static void startSystem() {
        stack = E2eStack.start("GdeltImportIT");
        events = stack.startEventService();
        queries = stack.startQueryService();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void exportImportedTwice_recordsEachStateToStateRowOnce_andCountsTheOthersByReason() throws Exception {
        Path file = stack.dir().resolve("20250314000000.export.CSV.gz");
        GdeltExportFile.Expected expected = GdeltExportFile.write(file, ROWS, 20250314L);
        System.out.printf("generated %,d rows (%,d importable), %,d bytes gzipped%n", ROWS, expected.importable(), Files.size(file));
        GdeltImport.Options options = new GdeltImport.Options(URI.create(events.url()), URI.create(queries.url()),
                stack.editorToken(), GdeltImport.DEFAULT_CHUNK_ROWS, file);

        long start = System.nanoTime();
        ImportReport first = GdeltImport.run(options, System.out);
        System.out.printf("first import: %.1f s, %,.0f rows/s%n", (System.nanoTime() - start) / 1e9, first.rowsPerSecond());

        assertThat(first.rowsRead()).isEqualTo(ROWS);
        assertThat(first.recorded()).isEqualTo(expected.importable());
        assertThat(first.alreadyKnown()).isZero();
        assertThat(first.skippedByReason()).isEqualTo(expected.skipped());
        assertThat(expected.skipped()).as("the file has a row of every reason").containsOnlyKeys(SkipReason.values());

        long caughtUp = System.nanoTime();
        LogReader.Contents log = LogReader.readAll(stack.kafkaServers());
        assertThat(log.records()).as("records in the log").isEqualTo(expected.importable());
        ReadModels.awaitCaughtUp("query-service", () -> stack.connect(LocalPostgres.DATABASE), log, CATCH_UP);
        System.out.printf("projection caught up %.1f s after the import ended%n", (System.nanoTime() - caughtUp) / 1e9);
        Map<String, Long> once = counts();
        assertThat(once).containsEntry("interaction facts", expected.importable())
                .containsEntry("facts", expected.importable())
                .containsEntry("events", expected.importable());
        // One of them, as query-service serves it.
        ImportedFact sample = ((GdeltRowConverter.Converted) new GdeltRowConverter().convert(expected.firstImportableRow())).fact();
        given().baseUri(queries.url()).get("/facts/" + sample.factId()).then().statusCode(200)
                .body("type", equalTo("Interaction")).body("current.eventId", equalTo(sample.eventId().toString()))
                .body("current.gdeltEventId", equalTo((int) ((Interaction) sample.event()).gdeltEventId().longValue()));

        start = System.nanoTime();
        ImportReport second = GdeltImport.run(options, System.out);
        System.out.printf("second import: %.1f s%n", (System.nanoTime() - start) / 1e9);

        assertThat(second.rowsRead()).isEqualTo(ROWS);
        assertThat(second.recorded()).as("recorded by the second import").isZero();
        assertThat(second.alreadyKnown()).isEqualTo(expected.importable());
        assertThat(second.skippedByReason()).isEqualTo(expected.skipped());
        LogReader.Contents after = LogReader.readAll(stack.kafkaServers());
        assertThat(after.records()).as("records in the log after the second import").isEqualTo(log.records());
        assertThat(after.nextOffsets()).isEqualTo(log.nextOffsets());
        assertThat(counts()).isEqualTo(once);
    }

    private static Map<String, Long> counts() throws SQLException {
        try (Connection c = stack.connect(LocalPostgres.DATABASE)) {
            return Map.of(
                    "interaction facts", count(c, "SELECT count(*) FROM facts WHERE type = 'Interaction'"),
                    "facts", count(c, "SELECT count(*) FROM facts"),
                    "events", count(c, "SELECT count(*) FROM events"));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
