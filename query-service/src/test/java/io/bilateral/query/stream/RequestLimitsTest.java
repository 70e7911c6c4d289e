package io.bilateral.query.stream;

import io.bilateral.localstack.TestStackResource;
import io.bilateral.query.ReadyFirst;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One client's share: past its rate a client address is answered 429 with Retry-After while
 * another address is served; past its open streams a new stream is refused (429, or 503 when
 * the instance is full) before it opens, while the streams already open carry on. Clients are
 * told apart as behind a proxy (X-Forwarded-For, with proxy address forwarding on), each test
 * with addresses of its own, so the tests do not share buckets.
 */
@QuarkusTest
@TestProfile(RequestLimitsTest.Tight.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class RequestLimitsTest implements ReadyFirst {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bilateral.limits.reads-per-second", "1", "bilateral.limits.read-burst", "5",
                    "bilateral.stream.max-subscribers-per-client", "2", "bilateral.stream.max-subscribers", "3",
                    // Behind a proxy: the client is the address it forwards.
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Inject
    StreamHub hub;

    /**
     * The whole answer, within a bound: a stream that was let open where it should have been
     * refused never ends, and must fail the test rather than hang it.
     */
    private HttpResponse<String> get(String client, String path) throws Exception {
        return HTTP.sendAsync(HttpRequest.newBuilder(root.resolve(path)).header("X-Forwarded-For", client).GET().build(),
                HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    }

    /**
     * A stream is counted once it has started, which may be just after its client has the
     * answer's headers: the next stream is asked for only when the hub counts those open.
     */
    private void awaitCounted(int open) {
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscribers() == open);
    }

    private SseClient stream(String client) throws Exception {
        return SseClient.open(root.resolve("/events/stream"), Map.of("X-Forwarded-For", client));
    }

    @Test
    void aClientPastItsRate_gets429WithRetryAfter_whileAnotherClientIsServed() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = get("203.0.113.3", "/cameo/051");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"type\":\"https://bilateral.io/problems/rate-limited\"").contains("\"status\":429");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 2L));

        assertThat(get("203.0.113.4", "/cameo/051").statusCode()).isEqualTo(200);
    }

    @Test
    void streamsPastAClientsShare_orTheInstancesCap_areRefusedBeforeTheyOpen_andThoseOpenCarryOn() throws Exception {
        int open = hub.subscribers();
        try (SseClient first = stream("203.0.113.5");
             SseClient second = stream("203.0.113.5")) {
            awaitCounted(open + 2);
            HttpResponse<String> third = get("203.0.113.5", "/events/stream");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(third.headers().firstValue("Retry-After")).isPresent();

            // Another client gets the instance's last stream; past it, everyone is told the instance is full.
            try (SseClient other = stream("203.0.113.6")) {
                awaitCounted(open + 3);
                HttpResponse<String> full = get("203.0.113.6", "/events/stream");
                assertThat(full.statusCode()).isEqualTo(503);
                assertThat(full.body()).contains("rate-limited");
                assertThat(full.headers().firstValue("Retry-After")).isPresent();
                assertThat(other.ended()).isFalse();
            }

            // The streams that were open carry on: each still gets its heartbeats.
            int before = first.comments().size() + second.comments().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.comments().size() > 1 && second.comments().size() > 1
                    && first.comments().size() + second.comments().size() > before + 1);
            assertThat(first.ended()).isFalse();
            assertThat(second.ended()).isFalse();
        }
    }
}
