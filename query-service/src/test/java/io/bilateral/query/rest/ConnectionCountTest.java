package io.bilateral.query.rest;

import io.bilateral.localstack.HeldConnections;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connections query-service takes at once are bounded (here 4), streams included: with four
 * subscribers on the stream, one more connection is closed as it arrives while the four stay
 * subscribed, so a flood of connections cannot run the heap out; once they close, new ones are
 * taken again. (In production the stream's own caps, answered 503 and 429, come before this one.)
 */
@QuarkusTest
@TestProfile(ConnectionCountTest.FourConnections.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class ConnectionCountTest {

    static final int LIMIT = 4;

    public static class FourConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-connections", String.valueOf(LIMIT));
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void aConnectionPastTheLimit_isClosedOnArrival_whileTheStreamsOpenAreServed() throws Exception {
        try (HeldConnections held = HeldConnections.open(root, LIMIT + 1)) {
            assertThat(held.served("/events/stream?from=now")).isEqualTo(LIMIT);
        }
        // The service counts a connection off when it sees it close, on its own thread: wait for that.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> HeldConnections.servesANewConnection(root, "/q/health/live"));
    }
}
