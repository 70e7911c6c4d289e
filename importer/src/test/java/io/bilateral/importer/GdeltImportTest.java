package io.bilateral.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bilateral.importer.gdelt.GdeltRowWriter;
import io.bilateral.importer.gdelt.SkipReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's flow against stand-ins of both services (the JDK's HTTP server): one batch per
 * chunk, only what the query side does not know, the ids stable across imports, and every row
 * counted once. The real services are the end-to-end test's (GdeltImportIT).
 */
class GdeltImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    /** Fact ids the stand-in "records": what a batch posted, known from then on. */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> tokens = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailableFirst = new AtomicInteger();
    private int batchStatus = 202;

    @BeforeEach
    void startStandIns() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events/batch", this::batch);
        server.createContext("/facts/known", this::known);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void batch(HttpExchange exchange) throws IOException {
        tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (unavailableFirst.getAndDecrement() > 0) {
            answer(exchange, 503, "{\"type\": \"broker-unavailable\"}");
            return;
        }
        String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        if (batchStatus != 202) {
            answer(exchange, batchStatus, "{\"detail\": \"refused\"}");
            return;
        }
        for (String line : lines) {
            recorded.add(JSON.readTree(line).path("factId").asText());
        }
        batchSizes.add(lines.length);
        answer(exchange, 202, "{\"accepted\": " + lines.length + "}");
    }

    private void known(HttpExchange exchange) throws IOException {
        tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonNode asked = JSON.readTree(exchange.getRequestBody());
        List<String> known = new ArrayList<>();
        asked.forEach(id -> {
            if (recorded.contains(id.asText())) {
                known.add(id.asText());
            }
        });
        answer(exchange, 200, JSON.createObjectNode().set("known", JSON.valueToTree(known)).toString());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private ImportReport importFile(Path file, int chunk) throws IOException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            return GdeltImport.run(new GdeltImport.Options(base, base, "the-token", chunk, file), out);
        }
    }

    /** Ten state-to-state rows, two regional, one without source, and the fourth row again. */
    private Path file() throws IOException {
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            rows.add(new GdeltRowWriter(id).line());
        }
        rows.add(new GdeltRowWriter(11).actor2("EUR", "EUROPE").line());
        rows.add(new GdeltRowWriter(12).actor1("AFR", "AFRICA").line());
        rows.add(new GdeltRowWriter(13).url("").line());
        rows.add(new GdeltRowWriter(4).line());
        return Files.write(dir.resolve("export.CSV"), rows);
    }

    @Test
    void postsOneBatchPerChunk_ofTheImportableRows_andCountsEveryRowOnce() throws IOException {
        ImportReport report = importFile(file(), 4);

        assertThat(report.rowsRead()).isEqualTo(14);
        assertThat(report.recorded()).isEqualTo(10);
        assertThat(report.alreadyKnown()).isZero();
        assertThat(report.skipped(SkipReason.NOT_A_STATE)).isEqualTo(2);
        assertThat(report.skipped(SkipReason.NO_SOURCE_URL)).isEqualTo(1);
        assertThat(report.skipped(SkipReason.REPEATED_IN_FILE)).isEqualTo(1);
        assertThat(report.rowsRead()).isEqualTo(report.recorded() + report.alreadyKnown() + report.skipped());
        assertThat(batchSizes).containsExactly(4, 4, 2);
        assertThat(recorded).contains("deu-fra-gdelt-1", "deu-fra-gdelt-10");
        assertThat(tokens).containsOnly("Bearer the-token");
    }

    @Test
    void secondImportOfTheSameFile_postsNothing_andCountsEveryFactAsAlreadyKnown() throws IOException {
        importFile(file(), 4);
        batchSizes.clear();

        ImportReport again = importFile(file(), 5);

        assertThat(again.recorded()).isZero();
        assertThat(again.alreadyKnown()).isEqualTo(10);
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(batchSizes).isEmpty();
    }

    @Test
    void aBatchAnsweredUnavailable_isSentAgain() throws IOException {
        unavailableFirst.set(2);

        ImportReport report = importFile(file(), 100);

        assertThat(report.recorded()).isEqualTo(10);
        assertThat(batchSizes).containsExactly(10);
    }

    @Test
    void aRefusedBatch_stopsTheImport_sayingWhy() throws IOException {
        batchStatus = 400;
        Path file = file();

        assertThatThrownBy(() -> importFile(file, 4)).isInstanceOf(ImportFailedException.class)
                .hasMessageContaining("refused a batch of 4 facts (400)").hasMessageContaining("refused");
    }

    @Test
    void theSummary_namesEachReasonWithItsCount() throws IOException {
        ImportReport report = importFile(file(), 4);

        assertThat(report.summary()).contains("14 rows read: 10 recorded, 0 already known, 4 skipped")
                .contains("2  an actor that is not a state (NOT_A_STATE)")
                .contains("1  no source URL (NO_SOURCE_URL)")
                .contains("1  GLOBALEVENTID repeated in the file (REPEATED_IN_FILE)");
    }
}
