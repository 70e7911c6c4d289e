package io.bilateral.query.stream;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.LogPosition;
import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.Events;
import io.bilateral.query.LogWriter;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that stops reading overflows its bounded queue: it is sent an overflow event
 * with the position to resume from and disconnected, and neither the projection nor another
 * subscriber of the same events waits for it. Events of 64 KB fill the sockets' buffers fast.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class SlowSubscriberTest implements ReadyFirst {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATH = "/events/stream?dyad=COK-NZL";

    @TestHTTPResource("/")
    URI root;

    @Inject
    Vertx vertx;

    @Inject
    StreamHub hub;

    @Test
    void aSubscriberThatStopsReading_isToldWhereToResumeAndDisconnected_whileOthersAndTheProjectionGoOn() throws Exception {
        int before = hub.subscribers();
        HttpClient small = vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(4096));
        // One reads late (after the flood), one never: both stop reading at once.
        Paused late = Paused.open(small, root);
        Paused never = Paused.open(small, root);
        try (SseClient reader = SseClient.open(URI.create(root + PATH.substring(1)), Map.of())) {
            EventEnvelope marker = Events.relationsEstablished("COK-NZL", "1965");
            LogWriter.publish(marker);
            reader.next(WAIT);
            // Only a live subscriber can overflow (one catching up reads at its own pace): they are live now.
            Awaitility.await().atMost(WAIT).until(hub::subscribers, org.hamcrest.Matchers.equalTo(before + 3));

            List<EventEnvelope> flood = IntStream.range(0, 150).mapToObj(i -> big(1800 + i)).toList();
            List<LogPosition> positions = LogWriter.publishAll(flood);
            LogWriter.awaitProjected(positions);
            List<SseClient.Event> got = reader.take(150, WAIT);
            assertThat(got.stream().map(e -> new JsonObject(e.data()).getString("id")).toList())
                    .as("the subscriber that reads gets every event, in order")
                    .containsExactlyElementsOf(flood.stream().map(e -> e.metadata().eventId().toString()).toList());
        }

        String text = late.resumeAndReadToEnd();
        List<String[]> frames = frames(text);
        String[] last = frames.get(frames.size() - 1);
        assertThat(last[1]).as("the last frame").isEqualTo("overflow");
        List<String[]> events = frames.stream().filter(f -> f[1] == null && f[2] != null).toList();
        assertThat(events.size()).as("events before the overflow").isLessThan(151);
        String lastId = events.get(events.size() - 1)[0];
        assertThat(new JsonObject(last[2]).getString("resumeFrom")).isEqualTo(lastId);
        assertThat(last[0]).as("the overflow's id keeps Last-Event-ID where it was").isEqualTo(lastId);

        // The one that never read is cut off after the grace period; no subscription is left behind.
        Awaitility.await().atMost(WAIT).until(hub::subscribers, org.hamcrest.Matchers.equalTo(before));
        small.close();
    }

    private static EventEnvelope big(int year) {
        return Events.of("cok-nzl-" + year, """
                {"type": "DiplomaticRelationsEstablished", "dyad": "COK-NZL", "occurred": "%d",
                 "sources": [{"url": "https://example.org/source", "locator": "%s"}]}""".formatted(year, "x".repeat(64 * 1024)));
    }

    /** SSE frames as [id, event name, data]; comments and retry lines left out. */
    private static List<String[]> frames(String text) {
        List<String[]> frames = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            String id = null;
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            if (data != null) {
                frames.add(new String[] {id, name, data});
            }
        }
        return frames;
    }

    /** A stream whose reader stopped reading right after the headers (small socket buffers, then nothing). */
    private static final class Paused {
        private final HttpClientResponse response;
        private final StringBuilder body = new StringBuilder();
        private final CompletableFuture<Void> end = new CompletableFuture<>();

        private Paused(HttpClientResponse response) {
            this.response = response;
            response.handler(b -> body.append(b.toString()));
            response.endHandler(v -> end.complete(null));
            response.exceptionHandler(end::completeExceptionally);
        }

        static Paused open(HttpClient client, URI root) throws Exception {
            HttpClientResponse response = client.request(HttpMethod.GET, root.getPort(), root.getHost(), PATH)
                    .compose(r -> r.putHeader("Accept", "text/event-stream").send())
                    .onSuccess(HttpClientResponse::pause)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            return new Paused(response);
        }

        String resumeAndReadToEnd() throws Exception {
            response.resume();
            end.get(60, TimeUnit.SECONDS);
            return body.toString();
        }
    }
}
