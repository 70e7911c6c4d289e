package io.bilateral.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bilateral.events.envelope.Topics;
import io.bilateral.localstack.LocalPostgres;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.restassured.http.ContentType;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing switched on as an operator would (an OTLP endpoint, here a collector of the
 * test's own that keeps what it receives), one fact makes one trace across both services: the
 * POST's server span, the publication's producer span, and the projection's consumer span that
 * ends at the commit. The services also log JSON lines when asked to.
 */
class TraceIT {

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;
    static HttpServer collector;
    static final List<Received> spans = new CopyOnWriteArrayList<>();
    /** Exports the collector could not read (a failure of the test's collector, shown when the wait fails). */
    static final List<String> failures = new CopyOnWriteArrayList<>();

    /** A span as received, with the service that sent it. */
    record Received(String service, Span span) {
        String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        String parentSpanId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }
    }

    @BeforeAll
    static void startSystem() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", TraceIT::receive);
        collector.start();
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        stack = E2eStack.start("TraceIT");
        events = stack.startEventService(tracing);
        queries = stack.startQueryService("query-service", LocalPostgres.DATABASE, E2eStack.QUERY_GROUP, tracing);
    }

    /** What a collector does with an export: keeps its spans, answers an empty success. */
    private static void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue()).findFirst().orElse("?");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ss.getSpansList().forEach(sp -> spans.add(new Received(service, sp)));
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            failures.add(e.toString());
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneFact_isOneTrace_fromThePost_throughThePublication_toTheProjectionsCommit() {
        String factId = given().baseUri(events.url()).auth().oauth2(stack.editorToken()).contentType(ContentType.JSON)
                .body(PostToQueryIT.RELATIONS_1971).post("/events").then().statusCode(202).extract().path("factId");

        Received project = awaitSpan("projection span", r -> r.span().getName().equals("project " + Topics.EVENTS));
        Received publish = awaitSpan("its parent", r -> r.spanId().equals(project.parentSpanId()));
        Received post = awaitSpan("its parent's parent", r -> r.spanId().equals(publish.parentSpanId()));

        assertThat(project.service()).isEqualTo("query-service");
        assertThat(project.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(publish.service()).isEqualTo("event-service");
        assertThat(publish.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(post.service()).isEqualTo("event-service");
        assertThat(post.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(post.span().getName()).startsWith("POST");
        assertThat(List.of(post.traceId(), publish.traceId(), project.traceId())).containsOnly(post.traceId());
        // The projection's span ends at the commit: the fact is there to read.
        given().baseUri(queries.url()).get("/facts/" + factId).then().statusCode(200);
    }

    /** Exports come in batches, a moment after the spans end. */
    private static Received awaitSpan(String what, Predicate<Received> which) {
        try {
            return await().atMost(Duration.ofSeconds(60)).until(() -> spans.stream().filter(which).findFirst(), Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " among the spans received: "
                    + spans.stream().map(r -> r.service() + " " + r.span().getKind() + " " + r.span().getName()).toList()
                    + (failures.isEmpty() ? "" : "; unreadable exports: " + failures), e);
        }
    }

    @Test
    void bothServices_logJsonLines_whenAskedTo() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (ServiceProcess service : List.of(events, queries)) {
            String log = Files.readString(service.log());
            // A line still being written (no newline yet) is left for the next read.
            List<String> lines = List.of(log.substring(0, log.lastIndexOf('\n') + 1).split("\n")).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertThat(lines).as(service + " logged").isNotEmpty();
            for (String line : lines) {
                JsonNode entry = json.readTree(line);
                assertThat(entry.path("level").isTextual()).as(line).isTrue();
                assertThat(entry.has("message")).as(line).isTrue();
            }
        }
    }
}
