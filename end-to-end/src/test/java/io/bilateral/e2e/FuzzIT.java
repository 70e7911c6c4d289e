package io.bilateral.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated input, fed to both services as packaged: events, batches (arrays and JSON
 * lines), query parameters and stream headers. Whatever comes in, nothing is answered 500, a
 * refused write leaves the log exactly as it was (not one record, not even of an aborted
 * transaction), and both services are still ready afterwards.
 *
 * <p>Seeded, so a failure is reproduced by running again: {@code -Dbilateral.fuzz.seed} (default
 * below) and {@code -Dbilateral.fuzz.cases} (cases per kind; a longer run is documented in
 * docs/testing.md). The message of a failure names the seed and the case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT {

    static final long SEED = Long.getLong("bilateral.fuzz.seed", 20261202L);
    static final int CASES = Integer.getInteger("bilateral.fuzz.cases", 150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;
    static KafkaView kafka;
    static List<ObjectNode> examples;

    @BeforeAll
    static void start() throws IOException {
        System.out.printf("FuzzIT: seed %d, %d cases per kind%n", SEED, CASES);
        stack = E2eStack.start("FuzzIT");
        // Input handling is what this tests, not the per-client limits: a long run would pass them.
        events = stack.startEventService(Map.of("BILATERAL_LIMITS_WRITES_PER_SECOND", "0"));
        queries = stack.startQueryService("query-service", io.bilateral.localstack.LocalPostgres.DATABASE, E2eStack.QUERY_GROUP,
                Map.of("BILATERAL_LIMITS_READS_PER_SECOND", "0"));
        kafka = new KafkaView(stack.kafkaServers());
        examples = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "demo", "belgium-china.ndjson"))) {
            if (!line.isBlank()) {
                examples.add((ObjectNode) JSON.readTree(line));
            }
        }
        for (String line : Files.readAllLines(Path.of("..", "demo", "lithuania-china.ndjson"))) {
            if (!line.isBlank()) {
                examples.add((ObjectNode) JSON.readTree(line));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------------ generators

    private static final String[] ODD_TEXT = {"", " ", "\u0000", "\u202e", "💥", "\ufffe", "<script>alert(1)</script>",
            "javascript:alert(1)", "'; DROP TABLE facts; --", "%00", "../../etc/passwd", "9".repeat(400), "x".repeat(70_000),
            "BEL-CHN", "CHN", "1971-10-25", "2021-99-99", "-0001", "99999-01", "null", "true", "NaN", "1e309"};

    private static String text(SplittableRandom r) {
        if (r.nextInt(3) == 0) {
            return ODD_TEXT[r.nextInt(ODD_TEXT.length)];
        }
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            int c = r.nextInt(4) == 0 ? r.nextInt(0x20, 0x2FFFF) : r.nextInt(0x20, 0x7F);
            // (Never a lone surrogate: no JSON writer can write one, so it could not be sent.)
            b.appendCodePoint(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
        }
        return b.toString();
    }

    private static JsonNode value(SplittableRandom r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(depth > 3 ? 6 : 9)) {
            case 0: return f.textNode(text(r));
            case 1: return f.numberNode(r.nextLong());
            case 2: return f.numberNode(new java.math.BigDecimal(r.nextInt(2) == 0 ? "1e400" : "-0.000000000000000000001"));
            case 3: return f.booleanNode(r.nextBoolean());
            case 4: return f.nullNode();
            case 5: return f.numberNode(r.nextDouble() * 1e6);
            case 6: {
                ArrayNode a = f.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(value(r, depth + 1));
                }
                return a;
            }
            case 7: {
                ObjectNode o = f.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(text(r), value(r, depth + 1));
                }
                return o;
            }
            default: {
                // Deep nesting, past any sensible event.
                JsonNode deep = f.textNode("deep");
                for (int i = 0; i < 20 + r.nextInt(60); i++) {
                    deep = f.arrayNode().add(deep);
                }
                return deep;
            }
        }
    }

    private static List<String> fields(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A valid example, changed in one to three ways; or, now and then, left as it is. */
    private static ObjectNode mutated(SplittableRandom r) {
        ObjectNode e = examples.get(r.nextInt(examples.size())).deepCopy();
        e.remove(List.of("eventId", "factId"));  // so that a valid one is a new fact, not a conflict
        if (r.nextInt(10) == 0) {
            return e;
        }
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<String> names = fields(e);
            String field = names.get(r.nextInt(names.size()));
            switch (r.nextInt(6)) {
                case 0 -> e.remove(field);
                case 1, 2 -> e.set(field, value(r, 0));
                case 3 -> e.set(text(r), value(r, 0));
                case 4 -> e.set(List.of("eventId", "factId", "recordedAt", "recordedBy", "coding", "schemaVersion")
                        .get(r.nextInt(6)), value(r, 0));
                default -> {
                    JsonNode sources = e.get("sources");
                    if (sources instanceof ArrayNode a && !a.isEmpty() && a.get(0) instanceof ObjectNode s) {
                        List<String> sf = fields(s);
                        s.set(sf.get(r.nextInt(sf.size())), value(r, 0));
                    } else {
                        e.set("sources", value(r, 0));
                    }
                }
            }
        }
        return e;
    }

    /** The JSON of an event, sometimes broken as text: cut short, a byte flipped, a key twice. */
    private static byte[] body(SplittableRandom r, ObjectNode event) throws IOException {
        byte[] json = JSON.writeValueAsBytes(event);
        switch (r.nextInt(8)) {
            case 0: return java.util.Arrays.copyOf(json, r.nextInt(json.length));
            case 1: {
                json[r.nextInt(json.length)] = (byte) r.nextInt(256);
                return json;
            }
            case 2: {
                String s = new String(json, StandardCharsets.UTF_8);
                return ("{\"type\": \"OfficialVisit\", " + s.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            default: return json;
        }
    }

    // ------------------------------------------------------------------------ the checks

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(events.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.editorToken()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * The log's ends once nothing is still being written: a batch's commit markers land after
     * its 202 (the broker writes them once the commit is decided), so right after one the ends
     * may still move without anyone writing.
     */
    private static Map<Integer, Long> settledEnds() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<Integer, Long> ends = kafka.rawEnds();
        while (System.nanoTime() < deadline) {
            Map<Integer, Long> stable = kafka.committedEnds();
            if (stable.equals(ends)) {
                return ends;
            }
            Thread.sleep(20);
            ends = kafka.rawEnds();
        }
        throw new AssertionError("the log did not settle: " + ends + " (committed " + kafka.committedEnds() + ")");
    }

    /** A write: never 500; refused, it leaves every partition's end where it was. */
    private static void write(String what, HttpRequest request) throws Exception {
        Map<Integer, Long> before = settledEnds();
        HttpResponse<String> r = send(request);
        assertThat(r.statusCode()).as(what + " answered " + r.body()).isIn(202, 400, 413, 415);
        if (r.statusCode() != 202) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
            assertThat(kafka.rawEnds()).as(what + ": a refused write leaves the log as it was").isEqualTo(before);
        }
    }

    @Test
    @Order(1)
    void randomAndMutatedEvents_areAcceptedOrRefused_neverA500_andARefusalWritesNothing() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] body = body(r, mutated(r));
            String shown = new String(body, StandardCharsets.UTF_8);
            write("seed " + SEED + ", event case " + i + ": " + shown.substring(0, Math.min(300, shown.length())),
                    post("/events", "application/json", body).build());
        }
    }

    @Test
    @Order(2)
    void randomBatches_asArraysOrLines_areAcceptedOrRefusedWhole_neverA500() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int i = 0; i < Math.max(1, CASES / 5); i++) {
            boolean lines = r.nextBoolean();
            StringBuilder b = new StringBuilder(lines ? "" : "[");
            for (int n = r.nextInt(1, 20); n > 0; n--) {
                ObjectNode e = r.nextInt(3) == 0 ? mutated(r) : (ObjectNode) mutated(new SplittableRandom(r.nextLong())).deepCopy();
                String json = new String(body(r, e), StandardCharsets.UTF_8);
                b.append(json).append(lines ? "\n" : (n > 1 ? "," : ""));
            }
            if (!lines) {
                b.append(r.nextInt(10) == 0 ? "" : "]");
            }
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            write("seed " + SEED + ", batch case " + i, post("/events/batch", lines ? "application/x-ndjson" : "application/json", body).build());
        }
    }

    private static final String[] READS = {"/dyads/%s", "/dyads/%s/timeline?limit=%s&from=%s", "/dyads/%s/timeline?type=%s&cursor=%s",
            "/search?q=%s&dyad=%s&limit=%s", "/dyads/%s/missions?at=%s", "/dyads/%s/trade?flow=%s", "/dyads/%s/scores?by=%s",
            "/dyads/%s/people?role=%s", "/dyads/%s/measures", "/facts/%s", "/actors/%s/dyads", "/cameo/%s", "/dyads?actor=%s",
            "/people?name=%s", "/events/stream/position?x=%s"};

    private static String encoded(SplittableRandom r) {
        String t = r.nextInt(4) == 0 ? List.of("BEL-CHN", "CHN-BEL", "bel-chn", "BEL", "-1", "0", "99999999999999999999", "2021-13", "1971~")
                .get(r.nextInt(9)) : text(r);
        return URLEncoder.encode(t.length() > 2000 ? t.substring(0, 2000) : t, StandardCharsets.UTF_8);
    }

    @Test
    @Order(3)
    void randomQueryParameters_areAnsweredOrRefused_neverA500() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            String template = READS[r.nextInt(READS.length)];
            Object[] args = new Object[3];
            for (int a = 0; a < args.length; a++) {
                args[a] = encoded(r);
            }
            String path = String.format(template, args);
            HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(queries.url() + path)).timeout(Duration.ofSeconds(30)).GET().build());
            assertThat(res.statusCode()).as("seed " + SEED + ", read case " + i + ": GET " + path + " answered " + res.body())
                    .isLessThan(500);
        }
    }

    @Test
    @Order(4)
    void randomStreamPositionsAndFilters_openAStreamOrAreRefused_neverA500() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        for (int i = 0; i < Math.max(1, CASES / 5); i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(queries.url() + "/events/stream?from=" + encoded(r)
                    + (r.nextBoolean() ? "&dyad=" + encoded(r) : "") + (r.nextBoolean() ? "&type=" + encoded(r) : "")))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream").GET();
            if (r.nextBoolean()) {
                // (A header is ASCII: this client cannot send anything else.)
                String id = r.nextBoolean() ? Long.toString(r.nextLong()) : text(r).replaceAll("[^\\x20-\\x7e]", "");
                if (!id.isEmpty()) {
                    b.header("Last-Event-ID", id.length() > 1000 ? id.substring(0, 1000) : id);
                }
            }
            HttpResponse<InputStream> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = res.body()) {
                assertThat(res.statusCode()).as("seed " + SEED + ", stream case " + i).isIn(200, 400);
            }
        }
    }

    @Test
    @Order(5)
    void afterAllOfIt_bothServicesAreStillReady_andNoTokenOrKeyIsInTheirLogs() throws Exception {
        for (ServiceProcess s : List.of(events, queries)) {
            assertThat(send(HttpRequest.newBuilder(URI.create(s.url() + "/q/health/ready")).GET().build()).statusCode())
                    .as(s.url() + " ready").isEqualTo(200);
        }
        // Every write above carried the token, and many were refused: none of it, nor any key, is logged.
        String token = stack.editorToken();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        List<Path> logs;
        try (var files = Files.list(stack.dir().resolve("logs"))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(text).as(log + " holds no token").doesNotContain(signature).doesNotContain("Bearer ey");
            assertThat(text).as(log + " holds no key").doesNotContain("PRIVATE KEY").doesNotContain("\"d\":\"");
        }
    }
}
