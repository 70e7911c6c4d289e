package io.bilateral.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * event-service on the heap {@code ./bilateral run} gives it (96 MB), sent more large writes at
 * once than that heap could hold whole: six batches of 100 events of about 180 KB each and
 * twenty single events of that size, all at the same moment. Each is answered 202 or, when the
 * service holds all it lets writes hold, 503 problem+json with {@code Retry-After}; none is a
 * 500 or an out-of-memory error, the service stays up, and the log holds exactly the events of
 * the writes answered 202. The build before writes were bounded failed it (2026-12-05): eight
 * out-of-memory errors in the service's log and a connection cut.
 */
class ConcurrentWritesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCHES = 6;
    private static final int PER_BATCH = 100;
    private static final int SINGLES = 20;

    private record Write(List<String> eventIds, HttpResponse<String> response) {
    }

    @Test
    void largeWritesAllAtOnce_areEachAccepted_orRefused503WithRetryAfter_neverA500_andTheLogHoldsExactlyTheAccepted() throws Exception {
        try (E2eStack stack = E2eStack.start("ConcurrentWritesIT")) {
            ServiceProcess events = stack.startEventServiceAsRun();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<Write>> writes = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                List<String> ids = new ArrayList<>();
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < PER_BATCH; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    lines.append(largeVisit(id, "Batch " + b + " visitor " + i)).append('\n');
                }
                writes.add(send(http, events, "/events/batch", "application/x-ndjson", lines.toString(), ids, stack.editorToken()));
            }
            for (int s = 0; s < SINGLES; s++) {
                String id = UUID.randomUUID().toString();
                writes.add(send(http, events, "/events", "application/json", largeVisit(id, "Single visitor " + s), List.of(id),
                        stack.editorToken()));
            }

            Set<String> accepted = new HashSet<>();
            int refused = 0;
            for (CompletableFuture<Write> w : writes) {
                Write write = w.get(5, TimeUnit.MINUTES);
                HttpResponse<String> r = write.response();
                assertThat(r.statusCode()).as("%s %s", r.request().uri(), r.body()).isIn(202, 503);
                if (r.statusCode() == 202) {
                    accepted.addAll(write.eventIds());
                    continue;
                }
                refused++;
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                JsonNode problem = JSON.readTree(r.body());
                // Refused by the limit, not by a failure inside the service.
                assertThat(problem.path("type").asText()).endsWith("/rate-limited");
                assertThat(r.body()).doesNotContain("OutOfMemoryError");
            }

            System.out.printf("ConcurrentWritesIT: %d events accepted, %d writes refused 503%n", accepted.size(), refused);
            assertThat(events.isAlive()).isTrue();
            assertThat(accepted).as("some writes go through (%d refused)", refused).isNotEmpty();
            assertThat(java.nio.file.Files.readString(events.log())).doesNotContain("OutOfMemoryError");
            // The log holds each accepted event once and nothing of a refused write.
            LogReader.Contents log = LogReader.readAll(stack.kafkaServers());
            assertThat(log.eventIds()).isEqualTo(accepted);
            assertThat(log.records()).isEqualTo(accepted.size());
        }
    }

    private static CompletableFuture<Write> send(HttpClient http, ServiceProcess service, String path, String type, String body,
                                                 List<String> ids, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofMinutes(4))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Write(ids, r));
    }

    /** An official visit of about 180 KB: its summary and two sources' titles are each just under the 65,536 characters a text may have. */
    private static String largeVisit(String eventId, String visitor) {
        String text = "A long account of the visit's programme, meetings and statements. ".repeat(900);
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"OfficialVisit\", \"dyad\": \"BEL-CHN\", \"occurred\": \"1991-04\", "
                + "\"visitor\": {\"name\": \"" + visitor + "\"}, \"visitingState\": \"CHN\", \"hostState\": \"BEL\", "
                + "\"summary\": \"" + text + "\", \"sources\": [{\"url\": \"https://example.org/a\", \"title\": \"" + text + "\"}, "
                + "{\"url\": \"https://example.org/b\", \"title\": \"" + text + "\"}]}";
    }
}
