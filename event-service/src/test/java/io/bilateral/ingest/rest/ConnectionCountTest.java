package io.bilateral.ingest.rest;

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
 * The connections event-service takes at once are bounded (here 4): one more is closed as it
 * arrives while those open are still served, so a flood of connections cannot run the heap
 * out; once they close, new ones are taken again.
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
    void aConnectionPastTheLimit_isClosedOnArrival_whileThoseOpenAreServed() throws Exception {
        try (HeldConnections held = HeldConnections.open(root, LIMIT + 1)) {
            assertThat(held.served("/q/health/live")).isEqualTo(LIMIT);
        }
        // The service counts a connection off when it sees it close, on its own thread: wait for that.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> HeldConnections.servesANewConnection(root, "/q/health/live"));
    }
}
